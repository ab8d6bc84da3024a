//! The command line end to end: exit codes, flags, stdin, encodings, formats.

mod common;

use common::{gimlint, run, Run};
use std::path::Path;

fn check(args: &[&str]) -> Run {
    run(gimlint().arg("check").args(args))
}

#[test]
fn the_shipped_examples_fail_with_their_findings() {
    let result = check(&["--format", "short", "testdata/examples"]);
    assert_eq!(result.code, 1);
    insta::assert_snapshot!(result.stdout);
}

#[test]
fn the_readme_shows_the_current_output_of_its_first_command() {
    let result = check(&["--color", "never", "testdata/examples"]);
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(result.stdout.trim_end()),
        "README.md does not show today's output of `gimlint check testdata/examples`:\n{}",
        result.stdout
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    // Only a warning (OPT006) in this file.
    let warning_only = "testdata/rules/OPT006/fail_trailing_value.cfg";
    assert_eq!(check(&[warning_only]).code, 1, "warnings fail by default");
    assert_eq!(check(&["--fail-on", "error", warning_only]).code, 0);
    assert_eq!(check(&["--fail-on", "info", warning_only]).code, 1);
    assert_eq!(
        check(&["testdata/rules/OPT001/pass_comments_and_blanks.cfg"]).code,
        0
    );
    let error = "testdata/rules/GIM001/fail_true.cfg";
    assert_eq!(check(&["--fail-on", "error", error]).code, 1);
}

#[test]
fn select_and_ignore_take_codes_prefixes_and_names() {
    let file = "testdata/examples/gim_server_a.cfg";
    let all = check(&["--format", "short", file]).stdout;
    assert!(
        all.contains("[GIM001]") && all.contains("[CAL001]"),
        "{all}"
    );
    let gim_only = check(&["--format", "short", "--select", "GIM", file]);
    assert!(gim_only.stdout.contains("[GIM001]") && !gim_only.stdout.contains("[CAL001]"));
    let by_name = check(&["--format", "short", "--select", "relative-start-year", file]);
    assert!(!by_name.stdout.contains("[GIM001]") && by_name.stdout.contains("[CAL001]"));
    let ignored = check(&["--ignore", "GIM001,GIM014,CAL", file]);
    assert_eq!(ignored.code, 0, "{}", ignored.stdout);
}

#[test]
fn unknown_selectors_and_releases_are_usage_errors() {
    let result = check(&["--select", "GIM09", "testdata/examples"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("unknown rule selector `GIM09`"),
        "{}",
        result.stderr
    );
    let result = check(&["--ignore", "scheduler-running", "testdata/examples"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("did you mean"), "{}", result.stderr);
    let result = check(&["--target-release", "8.5.x", "testdata/examples"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("invalid release `8.5.x`"),
        "{}",
        result.stderr
    );
    assert_eq!(check(&["--format", "xml"]).code, 2);
}

#[test]
fn target_release_and_phase_change_what_is_checked() {
    let icon = "testdata/examples/icon_voice.cfg";
    assert_eq!(check(&[icon]).code, 1);
    assert_eq!(check(&["--target-release", "8.5.001.21", icon]).code, 0);
    let gim = "testdata/rules/GIM002/pass_pre_migration.cfg";
    assert_eq!(
        check(&[gim]).code,
        0,
        "pre-migration: a stopped scheduler is right"
    );
    assert_eq!(check(&["--phase", "post-migration", gim]).code, 1);
}

#[test]
fn stdin_is_named_by_stdin_filename() {
    let text = std::fs::read("testdata/rules/GIM001/fail_true.cfg").unwrap();
    let result = run(gimlint()
        .args([
            "check",
            "--format",
            "short",
            "--select",
            "GIM001",
            "--stdin-filename",
            "exports/gim.cfg",
            "-",
        ])
        .write_stdin(text.clone()));
    assert_eq!(result.code, 1);
    assert_eq!(
        result.stdout,
        "exports/gim.cfg:6:15: error[GIM001] [*] `run-scheduler=TRUE`: the scheduler keeps launching ETL jobs during the migration\n"
    );
    let unnamed = run(gimlint()
        .args(["check", "--format", "short", "--select", "GIM001", "-"])
        .write_stdin(text));
    assert!(
        unnamed.stdout.starts_with("-:6:15: error[GIM001]"),
        "{}",
        unnamed.stdout
    );
}

#[test]
fn a_binary_file_is_an_error_and_the_other_files_are_still_linted() {
    let result = check(&["--format", "short", "testdata/encodings"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains(
            "gimlint: error: testdata/encodings/binary.cfg: binary file (NUL byte at offset 5)"
        ),
        "{}",
        result.stderr
    );
    assert_eq!(
        result.stdout.matches("[GIM001]").count(),
        6,
        "{}",
        result.stdout
    );
}

#[test]
fn missing_paths_are_errors_and_the_other_paths_are_still_linted() {
    let result = check(&[
        "--format",
        "short",
        "no/such/file.cfg",
        "testdata/rules/GIM001/fail_true.cfg",
    ]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .starts_with("gimlint: error: no/such/file.cfg: "),
        "{}",
        result.stderr
    );
    assert!(result.stdout.contains("[GIM001]"), "{}", result.stdout);
}

#[test]
fn every_encoding_and_line_ending_gives_exact_lines_and_columns() {
    // Same content in each file: GIM001 on line 3, trailing whitespace after `Grüße` on
    // line 5 (column 15 in characters, byte 17 of the line).
    let mut lines = Vec::new();
    for name in [
        "cr_only",
        "crlf",
        "utf16be_bom",
        "utf16le_bom",
        "utf8_bom",
        "windows1252",
    ] {
        let path = format!("testdata/encodings/{name}.cfg");
        let result = check(&[
            "--format",
            "short",
            "--select",
            "GIM001,OPT005,OPT006",
            &path,
        ]);
        assert_eq!(result.code, 1, "{path}: {}", result.stderr);
        lines.push(result.stdout);
    }
    insta::assert_snapshot!(lines.concat());
}

#[test]
fn json_output_has_the_documented_shape() {
    let result = check(&[
        "--format",
        "json",
        "testdata/examples/icon_voice.cfg",
        "testdata/examples/dap_info_mart.cfg",
    ]);
    assert_eq!(result.code, 1);
    let value: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["tool"]["name"], "gimlint");
    assert_eq!(value["summary"]["files"], 2);
    insta::assert_json_snapshot!(value, {".tool.version" => "[version]"});
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let file = "testdata/rules/GIM001/fail_true.cfg";
    assert!(check(&["--color", "always", file])
        .stdout
        .contains('\u{1b}'));
    assert!(!check(&["--color", "never", file]).stdout.contains('\u{1b}'));
    // Not a terminal: `auto` means no colour.
    assert!(!check(&[file]).stdout.contains('\u{1b}'));
}

#[test]
fn rules_lists_every_rule_and_explain_prints_its_page() {
    let rules = run(gimlint().arg("rules"));
    assert_eq!(rules.code, 0);
    for rule in gimlint::rules::REGISTRY {
        assert!(
            rules.stdout.contains(rule.meta().code),
            "{} missing",
            rule.meta().code
        );
    }
    insta::assert_snapshot!(rules.stdout);
    let by_code = run(gimlint().args(["explain", "GIM001"]));
    let by_name = run(gimlint().args(["explain", "scheduler-running-during-migration"]));
    assert_eq!(by_code.code, 0);
    assert_eq!(by_code.stdout, by_name.stdout);
    let page = std::fs::read_to_string("docs/rules/GIM001.md").unwrap();
    assert_eq!(by_code.stdout, page);
    let unknown = run(gimlint().args(["explain", "GIM999"]));
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("GIM999"), "{}", unknown.stderr);
}

#[test]
fn no_secret_from_any_fixture_appears_in_any_output() {
    // Every secret value in testdata contains this marker, and only secrets do.
    const MARKER: &str = "s3cret";
    let files_with_secrets = walkdir::WalkDir::new("testdata")
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            std::fs::read(e.path())
                .unwrap()
                .windows(MARKER.len())
                .any(|w| w == MARKER.as_bytes())
        })
        .count();
    assert!(
        files_with_secrets >= 6,
        "only {files_with_secrets} fixtures hold a secret"
    );
    let outputs = [
        run(gimlint().args(["inventory", "testdata"])),
        run(gimlint().args(["inventory", "--format", "json", "testdata"])),
        run(gimlint().args(["diff", "testdata/examples", "testdata/examples-after"])),
        run(gimlint().args([
            "diff",
            "--format",
            "json",
            "testdata/examples",
            "testdata/examples-after",
        ])),
        run(gimlint().args([
            "diff",
            "--format",
            "short",
            "testdata/examples-after",
            "testdata/examples",
        ])),
    ];
    for result in outputs {
        assert!(
            !result.stdout.contains(MARKER),
            "a secret leaked:\n{}",
            result.stdout
        );
        assert!(
            !result.stderr.contains(MARKER),
            "a secret leaked:\n{}",
            result.stderr
        );
    }
    for format in ["markdown", "json", "html"] {
        let result = run(gimlint().args(["report", "--format", format, "testdata"]));
        assert!(
            !result.stdout.contains(MARKER),
            "report {format}: a secret leaked"
        );
        assert!(
            !result.stderr.contains(MARKER),
            "report {format}: a secret leaked"
        );
    }
    for format in [
        "human", "short", "json", "sarif", "github", "junit", "gitlab",
    ] {
        for phase in ["pre-migration", "post-migration"] {
            let result = check(&[
                "--format", format, "--phase", phase, "--color", "always", "testdata",
            ]);
            assert!(Path::new("testdata").is_dir());
            assert!(
                !result.stdout.contains(MARKER),
                "{format}: a secret leaked:\n{}",
                result.stdout
            );
            assert!(
                !result.stderr.contains(MARKER),
                "{format}: a secret leaked:\n{}",
                result.stderr
            );
        }
    }
}

#[test]
fn folders_yield_attached_data_specs_but_not_other_xml() {
    let dir = tempfile::tempdir().unwrap();
    let spec = r#"<adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1"><public/></adata_spec>"#;
    std::fs::write(dir.path().join("site_spec.xml"), spec).unwrap();
    std::fs::write(
        dir.path().join("ccon_adata_spec.xml"),
        "<adata_spec><public/></adata_spec>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pom.xml"),
        "<project><modelVersion>4.0.0</modelVersion></project>",
    )
    .unwrap();
    std::fs::write(dir.path().join("archive.xml"), b"PK\x03\x04\x00\x00").unwrap();
    let result = check(&["--format", "json", dir.path().to_str().unwrap()]);
    let value: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    let mut linted: Vec<String> = value["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            Path::new(a["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    linted.sort();
    assert_eq!(linted, ["ccon_adata_spec.xml", "site_spec.xml"]);
    assert_eq!(
        result.code, 1,
        "ADS002 on ccon_adata_spec.xml: {}",
        result.stderr
    );
    // Named explicitly, any XML is linted as a specification.
    let pom = dir.path().join("pom.xml");
    let named = check(&["--format", "short", pom.to_str().unwrap()]);
    assert!(named.stdout.contains("[ADS002]"), "{}", named.stdout);
}

/// pre-commit names every changed file its pattern takes: run by it (`PRE_COMMIT=1`), a
/// named XML file is linted only when it is a specification by namespace or name.
#[test]
fn under_pre_commit_named_xml_that_is_no_specification_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let pom = dir.path().join("pom.xml");
    std::fs::write(
        &pom,
        "<project><modelVersion>4.0.0</modelVersion></project>",
    )
    .unwrap();
    let by_name = dir.path().join("ccon_adata_spec.xml");
    std::fs::write(&by_name, "<adata_spec><public/></adata_spec>").unwrap();
    let by_namespace = dir.path().join("site_spec.xml");
    std::fs::write(
        &by_namespace,
        r#"<adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1"><public><key name="A" source="userdata" history="last"/><key name="A" source="userdata" history="all"/></public></adata_spec>"#,
    )
    .unwrap();
    let hook = |paths: &[&Path]| {
        run(gimlint()
            .env("PRE_COMMIT", "1")
            .args(["check", "--format", "short"])
            .args(paths))
    };
    let pom_only = hook(&[&pom]);
    assert_eq!(
        (
            pom_only.code,
            pom_only.stdout.as_str(),
            pom_only.stderr.as_str()
        ),
        (0, "", ""),
        "pom.xml is not a specification: skipped, nothing to say"
    );
    let all = hook(&[&pom, &by_name, &by_namespace]);
    assert_eq!(all.code, 1, "{}", all.stderr);
    assert!(!all.stdout.contains("pom.xml"), "{}", all.stdout);
    assert!(
        all.stdout
            .contains("ccon_adata_spec.xml:1:2: warning[ADS002]"),
        "{}",
        all.stdout
    );
    assert!(
        all.stdout.contains("site_spec.xml:1:") && all.stdout.contains("[ADS003]"),
        "{}",
        all.stdout
    );
}

#[test]
fn an_unreadable_adata_reference_is_an_error() {
    let result = check(&[
        "--adata-reference",
        "no/such/reference.xml",
        "testdata/examples",
    ]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("no/such/reference.xml: cannot read the --adata-reference file"),
        "{}",
        result.stderr
    );
    assert!(
        result.stdout.contains("[GIM001]"),
        "the other files are still linted"
    );
}

#[test]
fn an_adata_reference_that_is_not_a_specification_is_an_error() {
    // An option export given by mistake: ADS007 would have compared with no key at all.
    let export = "testdata/examples/dap_info_mart.cfg";
    let result = check(&["--adata-reference", export, "testdata/examples"]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result.stderr.contains(&format!(
            "{export}: the --adata-reference file is not XML: expected an ICON attached-data \
             specification (`ccon_adata_spec*.xml`: XML whose root element is in the namespace \
             `http://www.genesyslab.com/standards/icon/ed1`)"
        )),
        "{}",
        result.stderr
    );
    assert!(
        result.stdout.contains("[GIM001]"),
        "the other files are still linted"
    );
    assert!(!result.stdout.contains("[ADS007]"), "{}", result.stdout);

    let dir = tempfile::tempdir().unwrap();
    let other_xml = dir.path().join("pom.xml");
    std::fs::write(
        &other_xml,
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>",
    )
    .unwrap();
    let broken = dir.path().join("ccon_adata_spec.xml");
    std::fs::write(
        &broken,
        "<adata_spec xmlns=\"http://www.genesyslab.com/standards/icon/ed1\">\n\
         <public><key name=\"A\" name=\"B\"/></public></adata_spec>",
    )
    .unwrap();
    for (reference, says) in [
        (
            &other_xml,
            "is not an attached-data specification: its root element `<project>` is in the \
             namespace `http://maven.apache.org/POM/4.0.0`",
        ),
        (
            &broken,
            "is not well-formed XML (2:23: the attribute `name` is given twice)",
        ),
    ] {
        let path = reference.to_str().unwrap();
        let result = check(&[
            "--adata-reference",
            path,
            "testdata/examples/icon_voice.cfg",
        ]);
        assert_eq!(result.code, 2, "{}", result.stderr);
        assert!(
            result
                .stderr
                .contains(&format!("{path}: the --adata-reference file {says}")),
            "{}",
            result.stderr
        );
    }
}

#[test]
fn the_example_icon_and_its_spec_are_checked_together() {
    let reference = "testdata/support/ccon_adata_spec_reference.xml";
    let result = check(&[
        "--format",
        "short",
        "--adata-reference",
        reference,
        "testdata/examples",
    ]);
    assert!(
        result
            .stdout
            .contains("ccon_adata_spec_icon_voice.xml:15:54: warning[ADS005]"),
        "{}",
        result.stdout
    );
    assert!(
        !result.stdout.contains("[ICN010]"),
        "the ICON's spec is in the run: {}",
        result.stdout
    );
    assert!(
        !result.stdout.contains("[ADS007]"),
        "the spec has every reference key: {}",
        result.stdout
    );
    let icon_alone = check(&["--format", "short", "testdata/examples/icon_voice.cfg"]);
    assert!(
        icon_alone.stdout.contains("info[ICN010]"),
        "{}",
        icon_alone.stdout
    );
}

#[test]
fn explain_describes_an_option_from_the_schemas() {
    let result = run(gimlint().args(["explain", "schedule/run-scheduler"]));
    assert_eq!(result.code, 0);
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(result.stdout.trim_end()),
        "README.md does not show today's `explain schedule/run-scheduler`:\n{}",
        result.stdout
    );
    let both = run(gimlint().args(["explain", "callconcentrator/role"]));
    insta::assert_snapshot!(both.stdout);
    let unknown = run(gimlint().args(["explain", "schedule/run-schedular"]));
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("do not document `run-schedular`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn schema_rules_raise_nothing_on_the_example_deployment() {
    // The examples hold deliberate problems, none of them for the schema rules: a finding
    // here is a false positive.
    let result = check(&[
        "--format",
        "short",
        "--select",
        "OPT010,OPT011,OPT012,OPT013,OPT014,OPT015,OPT016",
        "testdata/examples",
    ]);
    assert_eq!(result.code, 0, "{}", result.stdout);
    for release in ["8.5.001.21", "8.5.007", "8.5.010.12"] {
        let result = check(&[
            "--select",
            "OPT01",
            "--target-release",
            release,
            "testdata/examples",
        ]);
        assert_eq!(result.code, 0, "{release}: {}", result.stdout);
    }
}

#[test]
fn gimlint_toml_is_found_above_the_linted_path_and_errors_are_exit_2() {
    // Found from a file inside the folder, as from the folder itself: no note then.
    let icon = check(&["--color", "never", "testdata/examples/icon_voice.cfg"]);
    assert!(!icon.stdout.contains("no gimlint.toml"), "{}", icon.stdout);
    // Without one, the run says once which rules did not run.
    let alone = check(&["--color", "never", "testdata/rules/GIM001/fail_true.cfg"]);
    assert_eq!(
        alone
            .stdout
            .matches("note: no gimlint.toml found: GIM014")
            .count(),
        1,
        "{}",
        alone.stdout
    );
    let json = check(&["--format", "json", "testdata/rules/GIM001/fail_true.cfg"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(value["notes"][0].as_str().unwrap().contains("GIM014"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gimlint.toml"),
        "[[application]]\nname = \"GIM\"\nconections = []\n",
    )
    .unwrap();
    std::fs::copy(
        "testdata/rules/GIM001/fail_true.cfg",
        dir.path().join("gim.cfg"),
    )
    .unwrap();
    let result = check(&["--format", "short", dir.path().to_str().unwrap()]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("invalid configuration")
            && result.stderr.contains("unknown field `conections`"),
        "{}",
        result.stderr
    );
    assert!(
        result.stdout.contains("[GIM001]"),
        "the files are still linted: {}",
        result.stdout
    );

    let missing = check(&["--config", "no/such/gimlint.toml", "testdata/examples"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("no/such/gimlint.toml"),
        "{}",
        missing.stderr
    );
}

#[test]
fn diff_lists_changes_and_lints_the_after_exports() {
    let result = run(gimlint().args([
        "diff",
        "--format",
        "short",
        "testdata/examples",
        "testdata/examples-after",
    ]));
    assert_eq!(result.code, 1, "{}", result.stderr);
    insta::assert_snapshot!(result.stdout);
    let json = run(gimlint().args([
        "diff",
        "--format",
        "json",
        "testdata/examples",
        "testdata/examples-after",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(value["changes"].as_array().unwrap().len() >= 4);
    let same = run(gimlint().args([
        "diff",
        "--select",
        "DIF",
        "testdata/examples",
        "testdata/examples",
    ]));
    assert_eq!(same.code, 0, "no change, no DIF finding: {}", same.stdout);
}

/// Exports renamed between releases (case, separators, a release suffix) are the same
/// application: their changes are listed, not a "new" and a "gone" export.
#[test]
fn diff_pairs_exports_renamed_between_releases_by_kind_and_name() {
    let folder = tempfile::tempdir().unwrap();
    let (before, after) = (folder.path().join("before"), folder.path().join("after"));
    std::fs::create_dir_all(&before).unwrap();
    std::fs::create_dir_all(&after).unwrap();
    let icon = std::fs::read_to_string("testdata/examples/icon_voice.cfg").unwrap();
    let dap = std::fs::read_to_string("testdata/examples/dap_icon_voice.cfg").unwrap();
    std::fs::write(before.join("ICON_Voice_Back.cfg"), &icon).unwrap();
    std::fs::write(
        after.join("icon_voice_back_85.cfg"),
        icon.replace("gud-cust-disp=0", "gud-cust-disp=1"),
    )
    .unwrap();
    std::fs::write(before.join("dap.cfg"), &dap).unwrap();
    std::fs::write(after.join("dap.cfg"), &dap).unwrap();
    let json = run(gimlint()
        .args(["diff", "--format", "json"])
        .arg(&before)
        .arg(&after));
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let changes = value["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let paired = changes[0].to_string();
    assert!(
        paired.contains("ICON_Voice_Back.cfg")
            && paired.contains("icon_voice_back_85.cfg")
            && paired.contains("gud-cust-disp"),
        "{paired}"
    );
}

/// Attached-data specifications are compared key by key: added, removed and changed keys
/// are changes, in JSON and in the human format, and an attribute value that is a secret of
/// the run is masked there as every value is.
#[test]
fn diff_lists_the_keys_of_attached_data_specs_added_removed_and_changed() {
    let folder = tempfile::tempdir().unwrap();
    let (before, after) = (folder.path().join("before"), folder.path().join("after"));
    std::fs::create_dir_all(&before).unwrap();
    std::fs::create_dir_all(&after).unwrap();
    let spec = |keys: &str| {
        format!(
            "<adata_spec xmlns=\"http://www.genesyslab.com/standards/icon/ed1\">\n\
             <public>\n{keys}</public>\n</adata_spec>\n"
        )
    };
    std::fs::write(
        before.join("ccon_adata_spec.xml"),
        spec(concat!(
            "<key name=\"Kept\" source=\"userdata\" history=\"last\"/>\n",
            "<key name=\"Changed\" source=\"userdata\" history=\"last\"/>\n",
            "<key name=\"Gone\" source=\"userdata\" history=\"all\"/>\n",
        )),
    )
    .unwrap();
    std::fs::write(
        after.join("ccon_adata_spec.xml"),
        spec(concat!(
            "<key name=\"Kept\" source=\"userdata\" history=\"last\"/>\n",
            "<key name=\"Changed\" source=\"userdata\" history=\"Hunter2-Secret\"/>\n",
            "<key name=\"Added\" source=\"reasons\" history=\"all\"/>\n",
        )),
    )
    .unwrap();
    let dap = "[dbserver]\ndbengine=mssql\npassword=Hunter2-Secret\n";
    std::fs::write(before.join("dap.cfg"), dap).unwrap();
    std::fs::write(after.join("dap.cfg"), dap).unwrap();
    let json = run(gimlint()
        .args(["diff", "--format", "json"])
        .arg(&before)
        .arg(&after));
    assert!(!json.stdout.contains("Hunter2"), "{}", json.stdout);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let changes = value["changes"].to_string();
    for expected in [
        "key Changed (userdata)",
        "key Gone (userdata)",
        "key Added (reasons)",
        "history=all",
    ] {
        assert!(changes.contains(expected), "{expected}: {changes}");
    }
    assert!(!changes.contains("key Kept"), "{changes}");
    let human = run(gimlint()
        .args(["diff", "--color", "never"])
        .arg(&before)
        .arg(&after));
    assert!(
        human.stdout.contains("key Added (reasons)") && !human.stdout.contains("Hunter2"),
        "{}",
        human.stdout
    );
}

/// An export with no counterpart is listed as new or gone, with the close name of the
/// other side when there is one: a rename gimlint could not be sure of.
#[test]
fn diff_suggests_the_close_name_of_an_unpaired_export() {
    let folder = tempfile::tempdir().unwrap();
    let (before, after) = (folder.path().join("before"), folder.path().join("after"));
    std::fs::create_dir_all(&before).unwrap();
    std::fs::create_dir_all(&after).unwrap();
    let icon = std::fs::read_to_string("testdata/examples/icon_voice.cfg").unwrap();
    let dap = std::fs::read_to_string("testdata/examples/dap_icon_voice.cfg").unwrap();
    std::fs::write(before.join("icon_voice_prod.cfg"), &icon).unwrap();
    std::fs::write(after.join("icon_voice_prd.cfg"), &icon).unwrap();
    std::fs::write(before.join("dap.cfg"), &dap).unwrap();
    std::fs::write(after.join("dap.cfg"), &dap).unwrap();
    let json = run(gimlint()
        .args(["diff", "--format", "json"])
        .arg(&before)
        .arg(&after));
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let changes = value["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{changes:#?}");
    for app in changes {
        let similar = app["similar"].as_str().unwrap_or_default();
        assert!(
            similar.ends_with("icon_voice_prd.cfg") || similar.ends_with("icon_voice_prod.cfg"),
            "{app}"
        );
    }
    let human = run(gimlint()
        .args(["diff", "--color", "never"])
        .arg(&before)
        .arg(&after));
    assert!(
        human
            .stdout
            .contains("icon_voice_prod.cfg: gone, no export after (did you mean"),
        "{}",
        human.stdout
    );
}

#[test]
fn inventory_lists_the_customized_options() {
    let markdown = run(gimlint().args(["inventory", "testdata/examples"]));
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    insta::assert_snapshot!(markdown.stdout);
    let json = run(gimlint().args([
        "inventory",
        "--format",
        "json",
        "testdata/examples/gim_server_a.cfg",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let options = value["applications"][0]["options"].as_array().unwrap();
    let names: Vec<&str> = options
        .iter()
        .map(|o| o["option"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"run-scheduler"),
        "TRUE is not the default false: {names:?}"
    );
    assert!(
        !names.contains(&"date-time-max-days-ahead"),
        "366 is the default: {names:?}"
    );
}

#[test]
fn cr_only_files_render_their_own_lines() {
    let result = check(&[
        "--color",
        "never",
        "--select",
        "GIM001",
        "testdata/encodings/cr_only.cfg",
    ]);
    assert!(
        !result.stdout.contains('\r'),
        "no raw carriage return reaches the terminal"
    );
    assert!(
        result.stdout.contains(" 3 │ run-scheduler=TRUE"),
        "{}",
        result.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_config_or_reference_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("gimlint.toml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for flag in ["--config", "--adata-reference"] {
        let result = run(gimlint()
            .args([
                "check",
                flag,
                fifo.to_str().unwrap(),
                "testdata/rules/GIM001/fail_true.cfg",
            ])
            .timeout(std::time::Duration::from_secs(10)));
        assert_eq!(result.code, 2, "{flag}: {}", result.stderr);
        assert!(
            result.stderr.contains("not a regular file"),
            "{flag}: {}",
            result.stderr
        );
    }
}

#[test]
fn ci_formats_render_and_fingerprints_ignore_line_moves() {
    let file = "testdata/examples/gim_server_a.cfg";
    for format in ["github", "junit", "gitlab"] {
        let result = check(&["--format", format, file]);
        assert_eq!(result.code, 1);
        insta::assert_snapshot!(format!("format_{format}"), result.stdout);
    }
    // GIM014 needs the partner export, which the temporary copies below do not have.
    let sarif = check(&["--format", "sarif", "--ignore", "GIM014", file]);
    let value: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let rules = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), gimlint::rules::REGISTRY.len());
    let fingerprints = |sarif: &serde_json::Value| -> Vec<String> {
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["gimlintPlace/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    // The same export with two lines added on top, in another folder: other lines, same
    // fingerprints. The file's path in them is relative to its project root (here the
    // folder of testdata/examples/gimlint.toml, there the temporary folder).
    let dir = tempfile::tempdir().unwrap();
    let moved = dir.path().join("gim_server_a.cfg");
    let original = std::fs::read_to_string(file).unwrap();
    std::fs::write(&moved, format!("; re-exported\n\n{original}")).unwrap();
    let moved_sarif = run(gimlint().current_dir(dir.path()).args([
        "check",
        "--format",
        "sarif",
        "--ignore",
        "GIM014",
        "gim_server_a.cfg",
    ]));
    let moved_value: serde_json::Value = serde_json::from_str(&moved_sarif.stdout).unwrap();
    assert_eq!(fingerprints(&value), fingerprints(&moved_value));
    assert_eq!(fingerprints(&moved_value).len(), fingerprints(&value).len());
    assert_ne!(
        moved_value["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
            ["startLine"],
        value["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    );
}

/// A JUnit failure is a finding that fails the run: below `--fail-on` (the info GIM006 by
/// default) the test case passes, with the finding as its standard output.
#[test]
fn junit_fails_only_the_findings_that_fail_the_run() {
    let file = "testdata/examples/gim_server_a.cfg";
    let info_case = |args: &[&str]| {
        let mut all = vec!["--format", "junit", "--ignore", "GIM014"];
        all.extend(args);
        all.push(file);
        let junit = check(&all).stdout;
        let start = junit.find("name=\"GIM006").unwrap();
        let case = &junit[start..start + junit[start..].find("</testcase>").unwrap()];
        let suite = junit.lines().find(|l| l.contains("<testsuite ")).unwrap();
        (case.to_owned(), suite.to_owned())
    };
    let (case, suite) = info_case(&[]);
    assert!(
        case.contains("<system-out>") && !case.contains("<failure"),
        "{case}"
    );
    assert!(suite.contains("tests=\"3\" failures=\"2\""), "{suite}");
    let (case, suite) = info_case(&["--fail-on", "info"]);
    assert!(case.contains("<failure type=\"info\""), "{case}");
    assert!(suite.contains("tests=\"3\" failures=\"3\""), "{suite}");
}

/// A file gimlint could not read is a test case in error in JUnit, counted as such.
#[test]
fn junit_shows_what_could_not_be_linted_as_errors() {
    let run = check(&[
        "--format",
        "junit",
        "testdata/rules/GIM001/fail_true.cfg",
        "testdata/encodings/binary.cfg",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("errors=\"1\">\n") && run.stdout.contains(
            "<testsuite name=\"testdata/encodings/binary.cfg\" tests=\"1\" failures=\"0\" errors=\"1\">"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "<error type=\"could-not-lint\" message=\"binary file (NUL byte at offset 5)"
        ),
        "{}",
        run.stdout
    );
}

/// The rule metadata GitHub code scanning reads: a title and a longer description that
/// differ, help with a link, tags, precision and severity, and a security severity on the
/// security rule, which makes its results security alerts.
#[test]
fn sarif_rules_carry_what_code_scanning_reads() {
    let sarif = check(&["--format", "sarif", "testdata/rules/GIM001/fail_true.cfg"]);
    let value: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let rules = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let rule = |code: &str| rules.iter().find(|r| r["id"] == code).unwrap().clone();
    insta::assert_json_snapshot!("sarif_rule_SEC001", rule("SEC001"));
    for rule in rules {
        assert_ne!(rule["shortDescription"], rule["fullDescription"], "{rule}");
        let url = rule["helpUri"].as_str().unwrap();
        assert!(
            rule["help"]["text"].as_str().unwrap().contains(url),
            "{rule}"
        );
        assert!(
            rule["help"]["markdown"].as_str().unwrap().contains(url),
            "{rule}"
        );
        let tags = rule["properties"]["tags"].as_array().unwrap();
        let security = rule["properties"].get("security-severity").is_some();
        assert_eq!(tags.contains(&"security".into()), security, "{rule}");
        assert_eq!(
            rule["id"].as_str().unwrap().starts_with("SEC"),
            security,
            "{rule}"
        );
    }
    let properties = |code: &str| {
        let p = &rule(code)["properties"];
        (p["precision"].clone(), p["problem.severity"].clone())
    };
    assert_eq!(properties("GIM001"), ("very-high".into(), "error".into()));
    // An error on a schema fact the schemas may not confirm: less sure.
    assert_eq!(properties("OPT010"), ("high".into(), "error".into()));
    assert_eq!(properties("OPT006"), ("high".into(), "warning".into()));
    assert_eq!(
        properties("GIM006"),
        ("medium".into(), "recommendation".into())
    );
    assert_eq!(value["runs"][0]["automationDetails"]["id"], "gimlint/");
}

/// Code scanning hears of the paths gimlint could not lint: the run says it did not do its
/// whole job (exit code 2), with an error notification on each such file.
#[test]
fn sarif_invocation_names_what_could_not_be_linted() {
    let good = "testdata/rules/GIM001/fail_true.cfg";
    let broken = check(&["--format", "sarif", good, "testdata/encodings/binary.cfg"]);
    assert_eq!(broken.code, 2);
    let value: serde_json::Value = serde_json::from_str(&broken.stdout).unwrap();
    let invocation = &value["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1, "{invocation}");
    assert_eq!(notifications[0]["level"], "error");
    assert!(notifications[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("binary file"));
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "testdata/encodings/binary.cfg"
    );
    assert!(!value["runs"][0]["results"].as_array().unwrap().is_empty());
    let whole = check(&["--format", "sarif", good]);
    let value: serde_json::Value = serde_json::from_str(&whole.stdout).unwrap();
    let invocation = &value["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert_eq!(
        invocation["toolExecutionNotifications"],
        serde_json::json!([])
    );
}

/// A path typed relative, with `./` or absolute gives one URI SARIF validators accept: a
/// reference relative to `%SRCROOT%` without `./` (a reference starting with `/` is
/// SARIF1004). tests/paths.rs has the `file:` URI of a file outside the root.
#[test]
fn sarif_uris_are_valid_from_every_path_spelling() {
    let file = "testdata/rules/GIM001/fail_true.cfg";
    let absolute = std::fs::canonicalize(file).unwrap();
    let uri_of = |path: &str| {
        let sarif = check(&["--format", "sarif", path]);
        let value: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
        value["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(uri_of(file), file);
    assert_eq!(uri_of(&format!("./{file}")), file);
    assert_eq!(uri_of(absolute.to_str().unwrap()), file);
}

#[test]
fn github_actions_gets_annotations_and_output_file_keeps_the_terminal_human() {
    let file = "testdata/rules/GIM001/fail_true.cfg";
    let annotations = run(gimlint()
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "--select", "GIM001", file]));
    assert!(
        annotations
            .stdout
            .starts_with("::error file=testdata/rules/GIM001/fail_true.cfg,line=6,col=15"),
        "{}",
        annotations.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gimlint.sarif");
    let result = check(&[
        "--format",
        "sarif",
        "--output-file",
        out.to_str().unwrap(),
        "--color",
        "never",
        file,
    ]);
    assert_eq!(result.code, 1);
    assert!(
        result.stdout.contains("error[GIM001]"),
        "human on the terminal: {}",
        result.stdout
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let rule_ids: Vec<&str> = written["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(rule_ids, ["GIM006", "GIM001"]);
}

#[test]
fn no_suppressions_reports_what_inline_comments_hide() {
    let file = "testdata/rules/SUP001/pass_suppression_used/gim.cfg";
    let suppressed = check(&["--format", "short", "--select", "GIM001,SUP", file]);
    assert_eq!(suppressed.code, 0, "{}", suppressed.stdout);
    let policy = check(&[
        "--format",
        "short",
        "--select",
        "GIM001,SUP",
        "--no-suppressions",
        file,
    ]);
    assert_eq!(policy.code, 1);
    assert!(
        policy.stdout.contains("[GIM001]") && !policy.stdout.contains("[SUP"),
        "{}",
        policy.stdout
    );
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let result = run(gimlint().args(["completions", shell]));
        assert_eq!(result.code, 0, "{shell}");
        assert!(
            result.stdout.contains("explain"),
            "{shell}: the subcommands are completed"
        );
    }
    let man = run(gimlint().arg("man"));
    assert_eq!(man.code, 0);
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH gimlint"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
}

#[test]
fn gimlint_toml_sets_the_run_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "testdata/rules/GIM001/fail_true.cfg",
        dir.path().join("gim.cfg"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gimlint.toml"),
        "fail-on = \"error\"\nignore = [\"GIM006\"]\n[severity]\nGIM001 = \"warning\"\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let relaxed = check(&["--format", "short", path]);
    assert_eq!(
        relaxed.code, 0,
        "GIM001 is a warning and fail-on is error: {}",
        relaxed.stdout
    );
    assert!(
        relaxed.stdout.contains("warning[GIM001]") && !relaxed.stdout.contains("GIM006"),
        "{}",
        relaxed.stdout
    );
    assert_eq!(
        check(&["--fail-on", "warning", path]).code,
        1,
        "the flag wins"
    );
    let selected = check(&["--format", "short", "--select", "GIM006", path]);
    assert!(
        !selected.stdout.contains("GIM006"),
        "the file's ignore still applies: {}",
        selected.stdout
    );

    let mut toml = std::fs::read_to_string(dir.path().join("gimlint.toml")).unwrap();
    toml.push_str("[[suppress]]\nrules = [\"GIM001\"]\nfile = \"gim.cfg\"\nsection = \"schedule\"\noption = \"run-scheduler\"\nreason = \"lab\"\n");
    std::fs::write(dir.path().join("gimlint.toml"), toml).unwrap();
    let suppressed = check(&["--format", "short", "--fail-on", "info", path]);
    assert!(
        !suppressed.stdout.contains("GIM001"),
        "{}",
        suppressed.stdout
    );
    let policy = check(&["--format", "short", "--no-suppressions", path]);
    assert!(policy.stdout.contains("GIM001"), "{}", policy.stdout);
}

#[test]
fn a_baseline_hides_known_findings_and_survives_a_reexport() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gim.cfg");
    let original = std::fs::read_to_string("testdata/examples/gim_server_a.cfg").unwrap();
    std::fs::write(&file, &original).unwrap();
    let baseline = dir.path().join("baseline.json");
    let recorded = check(&[
        "--write-baseline",
        baseline.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        recorded.code, 0,
        "writing a baseline succeeds, and still reports: {}",
        recorded.stderr
    );
    let known = check(&[
        "--baseline",
        baseline.to_str().unwrap(),
        "--format",
        "short",
        file.to_str().unwrap(),
    ]);
    assert_eq!(known.code, 0, "{}", known.stdout);
    // Re-exported: two lines on top, and one new problem.
    let reexported = format!(
        "; exported again\n\n{}",
        original.replace("delayed-data-threshold=900", "delayed-data-threshold=30")
    );
    std::fs::write(&file, reexported).unwrap();
    let new = check(&[
        "--baseline",
        baseline.to_str().unwrap(),
        "--format",
        "short",
        file.to_str().unwrap(),
    ]);
    assert_eq!(new.code, 1);
    assert_eq!(
        new.stdout.lines().count(),
        1,
        "only the new finding: {}",
        new.stdout
    );
    assert!(new.stdout.contains("[OPT012]"), "{}", new.stdout);
    let bad = check(&["--baseline", file.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("not a gimlint baseline"),
        "{}",
        bad.stderr
    );
}

#[test]
fn named_files_get_their_deployment_as_context() {
    // Only gim_server_b.cfg is named (as a pre-commit hook does); gimlint.toml declares its
    // active-active partner, whose exports are read for GIM014 but not reported.
    let result = check(&["--format", "short", "testdata/examples/gim_server_b.cfg"]);
    assert!(
        result.stdout.contains("gim_server_b.cfg:") && result.stdout.contains("[GIM014]"),
        "{}",
        result.stdout
    );
    assert!(
        !result.stdout.contains("gim_server_a.cfg:"),
        "{}",
        result.stdout
    );
    let json = check(&["--format", "json", "testdata/examples/gim_server_b.cfg"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["summary"]["files"], 1);
}

/// A project with a lab folder ignored by glob and two stale `[[suppress]]` entries, run from
/// the lab folder (gimlint.toml is above it) and from stdin named into the lab folder.
#[test]
fn per_file_ignores_and_stale_config_entries_from_a_subfolder_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let lab = dir.path().join("lab");
    std::fs::create_dir(&lab).unwrap();
    for target in [lab.join("gim_lab.cfg"), dir.path().join("gim.cfg")] {
        std::fs::copy("testdata/rules/GIM001/fail_true.cfg", target).unwrap();
    }
    std::fs::write(
        dir.path().join("gimlint.toml"),
        r#"ignore = ["GIM006"]

[per-file-ignores]
"lab/*.cfg" = ["GIM001"]

[[suppress]]
rules = ["GIM003"]
file = "gim.cfg"
reason = "the aggregation job was never installed"

[[suppress]]
rules = ["OPT"]
file = "gim.cfg"
reason = "accepted until the upgrade"
until = "2026-01-01"

[[suppress]]
rules = ["GIM003"]
reason = "every file: never called unused, a run may not hold its files"
"#,
    )
    .unwrap();

    let from_lab = run(gimlint()
        .current_dir(&lab)
        .args(["check", "--format", "short", "."]));
    assert_eq!(
        from_lab.code, 0,
        "the glob ignores GIM001 in lab/: {}",
        from_lab.stdout
    );
    assert_eq!(from_lab.stdout, "");

    let whole = run(gimlint().current_dir(dir.path()).args(["check", "."]));
    insta::assert_snapshot!(whole.stdout);

    let stdin = run(gimlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "lab/new.cfg",
            "-",
        ])
        .write_stdin(std::fs::read("testdata/rules/GIM001/fail_true.cfg").unwrap()));
    assert_eq!(stdin.code, 0, "stdin named into lab/: {}", stdin.stdout);
    let outside = run(gimlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "new.cfg",
            "-",
        ])
        .write_stdin(std::fs::read("testdata/rules/GIM001/fail_true.cfg").unwrap()));
    assert!(
        outside.stdout.contains("GIM001") && !outside.stdout.contains("GIM006"),
        "gimlint.toml found from stdin's name: {}",
        outside.stdout
    );

    std::fs::write(
        dir.path().join("gimlint.toml"),
        "[per-file-ignores]\n\"lab/[*.cfg\" = [\"GIM001\"]\n",
    )
    .unwrap();
    let bad_glob = run(gimlint().current_dir(dir.path()).args(["check", "."]));
    assert_eq!(bad_glob.code, 2, "{}", bad_glob.stderr);
    assert!(
        bad_glob.stderr.contains("per-file-ignores"),
        "{}",
        bad_glob.stderr
    );
}

/// A run larger than the text budget for kept models: the files after the budget are
/// summarised and re-modelled when checked, and the rules over several files still see them
/// (GIM010 counts the roles of summarised DAPs). Every finding is what a small run gives.
#[test]
fn files_beyond_the_model_budget_are_checked_like_the_others() {
    let dir = tempfile::tempdir().unwrap();
    // 3 MB of harmless options first, in discovery order: the budget (2 MB) is spent.
    let mut big = String::new();
    for section in 0..300 {
        big.push_str(&format!("[filler-{section}]\n"));
        for option in 0..200 {
            big.push_str(&format!(
                "option-{option}=value-{section}-{option}-abcdefghijklmnopqrstuvwxyz\n"
            ));
        }
    }
    std::fs::write(dir.path().join("a_filler.cfg"), big).unwrap();
    let support = Path::new("testdata/support/deployment_two_info_marts");
    std::fs::copy(support.join("gim.cfg"), dir.path().join("b_gim.cfg")).unwrap();
    std::fs::copy(
        support.join("dap_info_mart.cfg"),
        dir.path().join("c_dap.cfg"),
    )
    .unwrap();
    std::fs::copy(
        support.join("dap_info_mart.cfg"),
        dir.path().join("d_dap.cfg"),
    )
    .unwrap();
    std::fs::copy(
        "testdata/rules/GIM001/fail_true.cfg",
        dir.path().join("e_gim.cfg"),
    )
    .unwrap();

    let large = run(gimlint()
        .current_dir(dir.path())
        .args(["check", "--format", "short", "."]));
    let lines: Vec<&str> = large
        .stdout
        .lines()
        .filter(|l| !l.contains("GIM006"))
        .collect();
    assert_eq!(
        lines,
        [
            "./c_dap.cfg:2:6: warning[GIM010] no DAP of this run has the role `ICON_CFG`",
            "./c_dap.cfg:2:6: warning[GIM010] no DAP of this run has the role `ICON_CORE` or `ICON_MM`",
            "./d_dap.cfg:2:6: error[GIM010] a second DAP with `INFO_MART`: `./c_dap.cfg` has it too",
            "./e_gim.cfg:6:15: error[GIM001] [*] `run-scheduler=TRUE`: the scheduler keeps launching ETL jobs during the migration",
        ],
        "{}",
        large.stdout
    );
    std::fs::remove_file(dir.path().join("a_filler.cfg")).unwrap();
    let small = run(gimlint()
        .current_dir(dir.path())
        .args(["check", "--format", "short", "."]));
    assert_eq!(
        small.stdout, large.stdout,
        "the same findings without the filler"
    );
}

/// A file above `--max-file-size` (or gimlint.toml's `max-file-size`) is not read: exit 2 with
/// its size, and the other files are still linted. Standard input has the same limit, and a
/// named FIFO is refused instead of blocking the run.
#[test]
fn files_above_the_size_limit_and_fifos_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let large = "[log]\nverbose=standard\n".repeat(80_000); // 1.8 MB
    std::fs::write(dir.path().join("large.cfg"), &large).unwrap();
    std::fs::copy(
        "testdata/rules/GIM001/fail_true.cfg",
        dir.path().join("gim.cfg"),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let limited = check(&["--format", "short", "--max-file-size", "1", path]);
    assert_eq!(limited.code, 2, "{}", limited.stderr);
    assert!(
        limited
            .stderr
            .contains("large.cfg: 1.8 MB is larger than the 1 MB limit: not read"),
        "{}",
        limited.stderr
    );
    assert!(
        limited.stdout.contains("gim.cfg:6:15: error[GIM001]"),
        "{}",
        limited.stdout
    );
    assert_eq!(
        check(&["--format", "short", path]).code,
        1,
        "64 MB by default"
    );

    std::fs::write(dir.path().join("gimlint.toml"), "max-file-size = 1\n").unwrap();
    assert_eq!(
        check(&["--format", "short", path]).code,
        2,
        "gimlint.toml's limit"
    );
    let flag_wins = check(&["--format", "short", "--max-file-size", "2", path]);
    assert_eq!(flag_wins.code, 1, "{}", flag_wins.stderr);
    std::fs::remove_file(dir.path().join("gimlint.toml")).unwrap();

    let stdin = run(gimlint()
        .args([
            "check",
            "--max-file-size",
            "1",
            "--stdin-filename",
            "big.cfg",
            "-",
        ])
        .write_stdin(large));
    assert_eq!(stdin.code, 2);
    assert!(
        stdin
            .stderr
            .contains("big.cfg: standard input is larger than the 1 MB limit"),
        "{}",
        stdin.stderr
    );

    let fifo = dir.path().join("pipe.cfg");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let piped = check(&["--format", "short", fifo.to_str().unwrap(), path]);
        assert_eq!(piped.code, 2, "{}", piped.stderr);
        assert!(
            piped.stderr.contains("pipe.cfg: not a regular file"),
            "{}",
            piped.stderr
        );
        assert!(piped.stdout.contains("GIM001"), "{}", piped.stdout);
    } else {
        // A test may say what it skipped; the library may not print.
        #[allow(clippy::print_stderr)]
        {
            eprintln!("SKIPPED the FIFO case: mkfifo is not available");
        }
    }
}

/// `--version` names the release, the commit built from and the option schemas' version.
#[test]
fn version_names_the_commit_and_the_schemas() {
    let version = run(gimlint().arg("--version"));
    assert_eq!(version.code, 0);
    let text = version.stdout.trim();
    let rest = text
        .strip_prefix(&format!("gimlint {} (commit ", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("{text}"));
    let (commit, schemas) = rest.split_once(", option schemas ").expect(text);
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.bytes().all(|b| b.is_ascii_hexdigit())),
        "{text}"
    );
    assert_eq!(schemas, format!("{})", gimlint::readiness::SCHEMA_VERSION));
    let from_env = run(gimlint().arg("--version").env("GIMLINT_COMMIT", "ignored"));
    assert_eq!(
        from_env.stdout, version.stdout,
        "the commit is fixed at build time"
    );
}

/// A folder holding a copy of the GIM001 fixture at `below` (folders made as needed).
fn export_at(root: &Path, below: &str) {
    let path = root.join(below);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::copy("testdata/rules/GIM001/fail_true.cfg", path).unwrap();
}

#[test]
fn gimlint_toml_is_looked_for_up_to_the_repository_root_and_never_above_home_or_a_shared_folder() {
    let dir = tempfile::tempdir().unwrap();
    // Above every project of the test: it would switch every rule off.
    std::fs::write(dir.path().join("gimlint.toml"), "ignore = [\"ALL\"]\n").unwrap();
    std::fs::create_dir_all(dir.path().join("repo/.git")).unwrap();
    export_at(dir.path(), "repo/exports/gim.cfg");
    // A worktree or a submodule has a `.git` file.
    std::fs::create_dir(dir.path().join("worktree")).unwrap();
    std::fs::write(dir.path().join("worktree/.git"), "gitdir: ../repo/.git\n").unwrap();
    export_at(dir.path(), "worktree/exports/gim.cfg");
    export_at(dir.path(), "home/exports/gim.cfg");
    export_at(dir.path(), "plain/exports/gim.cfg");
    let lint = |path: &str| {
        run(gimlint()
            .current_dir(dir.path())
            .env("HOME", dir.path().join("home"))
            .args(["check", "--color", "never", path]))
    };
    for path in ["repo/exports", "worktree/exports", "home/exports"] {
        let result = lint(path);
        assert_eq!(result.code, 1, "{path}: {}{}", result.stdout, result.stderr);
        assert!(
            result.stdout.contains("error[GIM001]"),
            "{path}: {}",
            result.stdout
        );
        assert!(
            !result.stdout.contains("config:"),
            "{path}: {}",
            result.stdout
        );
    }
    // Outside a repository and the home folder, the walk up does reach it, and says so.
    let plain = lint("plain/exports");
    assert_eq!(plain.code, 0, "{}", plain.stdout);
    assert!(
        plain
            .stdout
            .ends_with("config: gimlint.toml\nNo problems found in 1 file.\n"),
        "{}",
        plain.stdout
    );
    // Unless a folder on the way up is one every user may write, like /tmp: a gimlint.toml
    // there, or above it, may be anyone's.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let shared = dir.path().join("shared");
        export_at(dir.path(), "shared/work/exports/gim.cfg");
        std::fs::write(shared.join("gimlint.toml"), "ignore = [\"ALL\"]\n").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
        let result = lint("shared/work/exports");
        assert_eq!(result.code, 1, "{}{}", result.stdout, result.stderr);
        assert!(!result.stdout.contains("config:"), "{}", result.stdout);
    }
}

#[test]
fn the_gimlint_toml_in_use_is_named_in_human_json_and_sarif() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("gimlint.toml"), "ignore = [\"GIM006\"]\n").unwrap();
    export_at(dir.path(), "exports/gim.cfg");
    let lint = |args: &[&str]| run(gimlint().current_dir(dir.path()).arg("check").args(args));
    let human = lint(&["--color", "never", "exports"]);
    assert!(
        human
            .stdout
            .ends_with("config: gimlint.toml\nFound 1 error in 1 file.\n[*] 1 fixable with the `--fix` option.\n"),
        "{}",
        human.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&lint(&["--format", "json", "exports"]).stdout).unwrap();
    assert_eq!(json["config"], "gimlint.toml");
    let sarif: serde_json::Value =
        serde_json::from_str(&lint(&["--format", "sarif", "exports"]).stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["artifacts"],
        serde_json::json!([{
            "location": { "uri": "gimlint.toml", "uriBaseId": "%SRCROOT%" },
            "roles": ["userSpecifiedConfiguration"],
        }])
    );
    let named = lint(&[
        "--format",
        "json",
        "--config",
        "gimlint.toml",
        "exports/gim.cfg",
    ]);
    let named: serde_json::Value = serde_json::from_str(&named.stdout).unwrap();
    assert_eq!(named["config"], "gimlint.toml");

    // Without one, nothing is named.
    let alone = check(&["--format", "json", "testdata/rules/GIM001/fail_true.cfg"]);
    let alone: serde_json::Value = serde_json::from_str(&alone.stdout).unwrap();
    assert_eq!(alone["config"], serde_json::Value::Null);
    let alone = check(&["--format", "sarif", "testdata/rules/GIM001/fail_true.cfg"]);
    let alone: serde_json::Value = serde_json::from_str(&alone.stdout).unwrap();
    assert_eq!(alone["runs"][0].get("artifacts"), None);
}

#[test]
fn a_wrong_selector_or_date_in_gimlint_toml_is_an_error_at_its_line_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    export_at(dir.path(), "gim.cfg");
    let lint_with = |toml: &str| {
        std::fs::write(dir.path().join("gimlint.toml"), toml).unwrap();
        run(gimlint()
            .current_dir(dir.path())
            .args(["check", "--format", "short", "."]))
    };
    for (toml, error) in [
        (
            "fail-on = \"error\"\nselect = [\"GIM\", \"GIMM\"]\n",
            "gimlint.toml: invalid configuration: line 2, column 18: `select`: unknown rule selector `GIMM`",
        ),
        (
            "ignore = [\n  \"GIM006\",\n  \"scheduler-runing\",\n]\n",
            "gimlint.toml: invalid configuration: line 3, column 3: `ignore`: unknown rule selector `scheduler-runing`; did you mean `scheduler-running-during-migration`?",
        ),
        (
            "[[suppress]]\nrules = [\"GIM001\"]\nreason = \"lab\"\nuntil = \"2026-13-01\"\n",
            "gimlint.toml: invalid configuration: line 4, column 9: [[suppress]]: `until = \"2026-13-01\"` is not a date (YYYY-MM-DD)",
        ),
    ] {
        let result = lint_with(toml);
        assert_eq!(result.code, 2, "{toml}: {}", result.stderr);
        assert!(result.stderr.contains(error), "{toml}: {}", result.stderr);
        assert!(
            result.stdout.contains("error[GIM001]"),
            "{toml}: the exports are still linted, without the file: {}",
            result.stdout
        );
    }
    // A real date that has not passed suppresses.
    let until =
        lint_with("[[suppress]]\nrules = [\"GIM\"]\nreason = \"lab\"\nuntil = \"2028-02-29\"\n");
    assert_eq!(until.code, 0, "{}{}", until.stdout, until.stderr);
}

#[test]
fn an_export_named_by_config_shows_its_error_without_its_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "jdbc.cfg",
            "[gim-etl]\njdbc-url=jdbc:postgresql://db:5432/im?user=gim&password=Sup3rS3cret9\n",
            "Sup3rS3cret9",
        ),
        (
            "dap.cfg",
            "password = \"hunter2hunter2\"\n",
            "hunter2hunter2",
        ),
    ];
    for (name, text, secret) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let result = check(&[
            "--format",
            "short",
            "--config",
            path.to_str().unwrap(),
            "testdata/rules/GIM001/fail_true.cfg",
        ]);
        assert_eq!(result.code, 2, "{}", result.stderr);
        assert!(
            result.stderr.contains("TOML parse error"),
            "{}",
            result.stderr
        );
        assert!(!result.stderr.contains(secret), "{}", result.stderr);
        assert!(
            result.stderr.contains(&"*".repeat(secret.len())),
            "the excerpt is the file's, masked: {}",
            result.stderr
        );
    }
}

#[test]
fn a_run_that_finds_no_export_is_exit_2_and_says_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let result = run(gimlint().current_dir(dir.path()).args(["check", "empty"]));
    assert_eq!(result.code, 2, "{}", result.stdout);
    assert_eq!(
        result.stderr,
        "gimlint: error: empty: no export found under empty: no *.cfg, *.conf or *.ini file, nor an attached-data specification (*.xml)\n"
    );
    assert!(
        result
            .stdout
            .ends_with("1 path could not be linted; nothing was linted.\n"),
        "{}",
        result.stdout
    );

    // Exports only where the walk does not go.
    let project = dir.path().join("project");
    export_at(&project, "target/gim.cfg");
    export_at(&project, ".backup/gim.cfg");
    let outside = tempfile::tempdir().unwrap();
    export_at(outside.path(), "gim.cfg");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("gim.cfg"), project.join("link.cfg")).unwrap();
    let result = run(gimlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "project"]));
    assert_eq!(result.code, 2);
    let json: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 0);
    let message = json["operational_errors"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("no export found under project: ")
            && message.contains(
                "hidden folders are not walked: project/.backup (name one to lint it); \
                 exclude and extend-exclude leave out project/target (name one to lint it)"
            ),
        "{message}"
    );
    #[cfg(unix)]
    assert!(
        message.ends_with("; links out of project are not followed: project/link.cfg"),
        "{message}"
    );
    let report = run(gimlint().current_dir(dir.path()).args(["report", "empty"]));
    assert_eq!(report.code, 2, "{}", report.stderr);

    // A file that could not be read says why nothing was linted; an invalid gimlint.toml
    // does not.
    let unreadable = dir.path().join("unreadable");
    std::fs::create_dir(&unreadable).unwrap();
    std::fs::write(unreadable.join("binary.cfg"), b"\0\0\0").unwrap();
    std::fs::write(unreadable.join("gimlint.toml"), "selct = []\n").unwrap();
    let result = run(gimlint()
        .current_dir(dir.path())
        .args(["check", "unreadable"]));
    assert_eq!(result.code, 2);
    assert!(
        !result.stderr.contains("no export found"),
        "{}",
        result.stderr
    );
    std::fs::remove_file(unreadable.join("binary.cfg")).unwrap();
    let result = run(gimlint()
        .current_dir(dir.path())
        .args(["check", "unreadable"]));
    assert!(
        result.stderr.contains("unknown field `selct`")
            && result.stderr.contains("no export found under unreadable"),
        "{}",
        result.stderr
    );
}

#[test]
fn explain_a_prefix_lists_its_rules() {
    let sec = run(gimlint().args(["explain", "SEC"]));
    assert_eq!(sec.code, 0, "{}", sec.stderr);
    assert!(
        sec.stdout.starts_with("`SEC` names 1 rule:\n"),
        "{}",
        sec.stdout
    );
    assert!(
        sec.stdout.contains("SEC001  plaintext-secret"),
        "{}",
        sec.stdout
    );
    let gim = run(gimlint().args(["explain", "gim"]));
    assert_eq!(gim.code, 0, "{}", gim.stderr);
    let listed: Vec<&str> = gim
        .stdout
        .lines()
        .filter_map(|line| line.trim_start().split_once(' ').map(|(code, _)| code))
        .filter(|code| code.len() == 6 && code.starts_with(char::is_uppercase))
        .collect();
    let expected: Vec<&str> = gimlint::rules::REGISTRY
        .iter()
        .map(|r| r.meta().code)
        .filter(|code| code.starts_with("GIM"))
        .collect();
    assert_eq!(listed, expected, "{}", gim.stdout);
    let unknown = run(gimlint().args(["explain", "XYZ"]));
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown rule selector `XYZ`"),
        "{}",
        unknown.stderr
    );
}

/// Past `FINDINGS_KEPT_PER_RULE` findings of a rule in a file, one finding says how many
/// more there are, in every format, and the totals count them all; a suppression of a
/// finding past the limit is still used.
#[test]
fn findings_of_a_rule_past_the_limit_are_counted_in_one_finding() {
    let kept = gimlint::engine::FINDINGS_KEPT_PER_RULE;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dups.cfg");
    // The first `k` is the definition; each of the others is an OPT003 finding, and the
    // suppressed one is the last: past the limit.
    let mut text = String::from("[s]\n");
    text.push_str(&"k=v\n".repeat(kept + 3));
    text.push_str("; gimlint: ignore OPT003 -- the one past the limit\nk=v\n");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();

    let json = check(&["--format", "json", path]);
    assert_eq!(json.code, 1, "{}", json.stderr);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), kept + 1, "the kept ones and the count");
    assert!(diagnostics.iter().all(|d| d["code"] == "OPT003"));
    let more = diagnostics.last().unwrap();
    assert_eq!(
        more["message"],
        "2 more OPT003 findings in this file are not shown"
    );
    assert_eq!(more["start"]["line"], kept + 3, "at the first left out");
    assert_eq!(
        report["summary"]["errors"],
        kept + 2,
        "totals count every finding"
    );
    assert_eq!(report["summary"]["not_shown"], 2);

    let human = check(&["--color", "never", path]);
    let tail: Vec<&str> = human.stdout.lines().rev().take(14).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    insta::assert_snapshot!(tail.join("\n").replace(path, "dups.cfg"));
}

#[test]
fn a_specification_shows_its_snippets_without_its_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ccon_adata_spec_secrets.xml");
    // ADS001 quotes line 4, with the lines around it.
    let text = "<?xml version=\"1.0\"?>\n\
                <adata_spec xmlns=\"http://www.genesyslab.com/standards/icon/ed1\">\n\
                <!-- jdbc:postgresql://db/gim?user=a&password=XmlJdbcPw1 -->\n\
                <public><key name=\"R&D\" source=\"userdata\" history=\"last\"/></public>\n\
                <x password=\"XmlAttrPw33\"/>\n\
                </adata_spec>\n";
    std::fs::write(&path, text).unwrap();
    for format in ["human", "json", "sarif"] {
        let result = check(&["--format", format, path.to_str().unwrap()]);
        assert!(
            result.stdout.contains("ADS001"),
            "{format}: {}",
            result.stdout
        );
        for secret in ["XmlJdbcPw1", "XmlAttrPw33"] {
            assert!(
                !result.stdout.contains(secret),
                "{format}: {}",
                result.stdout
            );
        }
    }
}

/// A gimlint.toml application whose `file` does not exist is said, not silently left out of
/// the rules that compare applications; one that exists but lies outside what was linted
/// is not.
#[test]
fn a_declared_export_that_does_not_exist_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("site1")).unwrap();
    std::fs::create_dir_all(dir.path().join("site2")).unwrap();
    let gim = "[gim-etl]\ndays-to-keep-gim-facts=400\n";
    std::fs::write(dir.path().join("site1/gim_a.cfg"), gim).unwrap();
    std::fs::write(dir.path().join("site2/gim_b.cfg"), gim).unwrap();
    std::fs::write(
        dir.path().join("gimlint.toml"),
        "[[application]]\nname = \"gim_a\"\nfile = \"site1/gim_a.cfg\"\nkind = \"gim\"\n\n\
         [[application]]\nname = \"gim_b\"\nfile = \"site2/gim_b.cfg\"\nkind = \"gim\"\n\n\
         [[application]]\nname = \"gim_c\"\nfile = \"site3/gim_c.cfg\"\nkind = \"gim\"\n",
    )
    .unwrap();
    let linted = run(gimlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "site1"]));
    let report: serde_json::Value = serde_json::from_str(&linted.stdout).unwrap();
    let notes: Vec<&str> = report["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        ["gimlint.toml declares `gim_c` in `site3/gim_c.cfg`, which does not exist: the rules that compare applications run without it"],
        "{}",
        linted.stdout
    );
}

/// `diff` pairs the exports that both sides' gimlint.toml declare for one application,
/// whatever their files are called.
#[test]
fn diff_pairs_the_exports_gimlint_toml_names_alike() {
    let dir = tempfile::tempdir().unwrap();
    for (side, file, other, cseq) in [
        ("before", "iconA_prod.cfg", "gim_x.cfg", 1),
        ("after", "voice-primary-2026.cfg", "gim_y.cfg", 2),
    ] {
        let folder = dir.path().join(side);
        std::fs::create_dir_all(&folder).unwrap();
        let icon = format!("[callconcentrator]\nrole=all\ncseq-adjustment={cseq}\n");
        std::fs::write(folder.join(file), icon).unwrap();
        std::fs::write(
            folder.join(other),
            "[gim-etl]\ndays-to-keep-gim-facts=400\n",
        )
        .unwrap();
        std::fs::write(
            folder.join("gimlint.toml"),
            format!("[[application]]\nname = \"ICON_Voice_Primary\"\nfile = \"{file}\"\nkind = \"icon\"\n"),
        )
        .unwrap();
    }
    let result = run(gimlint()
        .current_dir(dir.path())
        .args(["diff", "--format", "json", "before", "after"]));
    let report: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    let pairs: Vec<(serde_json::Value, serde_json::Value)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|app| (app["before"].clone(), app["after"].clone()))
        .collect();
    assert!(
        pairs.contains(&(
            serde_json::json!("before/iconA_prod.cfg"),
            serde_json::json!("after/voice-primary-2026.cfg")
        )),
        "{}",
        result.stdout
    );
}
