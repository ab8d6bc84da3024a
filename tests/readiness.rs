//! `gimlint report`: the readiness report in its three formats. A step passes only when its
//! rules ran; the verdict is `check`'s exit status under the same `--fail-on`; the run's
//! notes and errors are in every format; text from the exports never becomes markup.

mod common;

use common::{gimlint, run, Run};
use serde_json::Value;

/// `gimlint report --format FORMAT ARGS`.
fn report(format: &str, args: &[&str]) -> Run {
    run(gimlint().args(["report", "--format", format]).args(args))
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&report("json", args).stdout).unwrap()
}

/// The step `number` of the checklist whose title starts with `title`.
fn step<'v>(readiness: &'v Value, title: &str, number: &str) -> &'v Value {
    readiness["readiness"]["checklists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"].as_str().unwrap().starts_with(title))
        .unwrap()["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["number"] == number)
        .unwrap()
}

const PREREQUISITES: &str = "Genesys Info Mart 8.5.0 Deployment Procedure: Prerequisites";
const DEPLOYMENT: &str = "Genesys Info Mart 8.5.0 Deployment Procedure: Deployment Steps";
const WFM: &str = "WFM 8.5 Migration Guide";

/// The report in its three formats, as snapshots named after `case`; the HTML is checked to
/// be well-formed, to load nothing and to show every finding and step.
fn snapshot_all_formats(case: &str, args: &[&str]) {
    let markdown = report("markdown", args);
    insta::assert_snapshot!(format!("{case}.md"), markdown.stdout);
    let json = report("json", args);
    insta::assert_snapshot!(format!("{case}.json"), json.stdout);
    let html = report("html", args);
    assert_html_shows_the_report(&html.stdout, &serde_json::from_str(&json.stdout).unwrap());
    insta::assert_snapshot!(format!("{case}.html"), html.stdout);
    assert_eq!(markdown.code, json.code);
    assert_eq!(markdown.code, html.code);
}

/// The HTML of one of gimlint's texts, as the page renders it: escaped, backtick pairs as
/// `<code>` (the texts of these runs quote with single backticks only).
fn as_html(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    let mut out = String::new();
    for (index, piece) in escaped.split('`').enumerate() {
        if index > 0 {
            out.push_str(if index % 2 == 1 { "<code>" } else { "</code>" });
        }
        out.push_str(piece);
    }
    out
}

fn assert_html_shows_the_report(html: &str, value: &Value) {
    // Well-formed: an XML reader goes through it without an error.
    let mut reader = quick_xml::Reader::from_str(html);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "the HTML is not well-formed at {}: {e}",
                reader.error_position()
            ),
        }
    }
    assert!(
        !html.contains("src=") && !html.contains("<link") && !html.contains("<script"),
        "the page loads nothing"
    );
    for link in html.split("href=\"").skip(1) {
        assert!(
            link.starts_with("https://github.com/gimlint/gimlint/blob/main/docs/rules/"),
            "links go to the rules' documentation only: {link:.80}"
        );
    }
    for finding in value["findings"].as_array().unwrap() {
        let message = as_html(finding["message"].as_str().unwrap());
        assert!(
            html.contains(&message),
            "the HTML lacks the finding {message:?}"
        );
    }
    for checklist in value["readiness"]["checklists"].as_array().unwrap() {
        for step in checklist["steps"].as_array().unwrap() {
            let text = as_html(step["text"].as_str().unwrap());
            assert!(html.contains(&text), "the HTML lacks the step {text:?}");
            if let Some(reason) = step["reason"].as_str() {
                let reason = as_html(reason);
                assert!(
                    html.contains(&reason),
                    "the HTML lacks the reason {reason:?}"
                );
            }
        }
    }
    for note in value["notes"].as_array().unwrap() {
        let note = as_html(note.as_str().unwrap());
        assert!(html.contains(&note), "the HTML lacks the note {note:?}");
    }
}

#[test]
fn gim_exports_alone_leave_the_icon_and_wfm_steps_not_checked() {
    let args = ["testdata/readiness/gim_only"];
    let value = json(&args);
    let icon = step(&value, PREREQUISITES, "12");
    assert_eq!(icon["status"], "not-checked");
    assert_eq!(icon["reason"], "no ICON application in the run");
    assert_eq!(icon["coverage"][0]["ran"], false);
    let wfm = step(&value, WFM, "8");
    assert_eq!(wfm["status"], "not-checked");
    assert!(
        wfm["reason"]
            .as_str()
            .unwrap()
            .ends_with("no topology: no gimlint.toml"),
        "{}",
        wfm["reason"]
    );
    let scheduler = step(&value, PREREQUISITES, "7");
    assert_eq!(
        scheduler["status"], "not-checked",
        "GIM014 needs the pairs of gimlint.toml"
    );
    let notes = value["notes"].as_array().unwrap();
    assert!(
        notes[0]
            .as_str()
            .unwrap()
            .starts_with("no gimlint.toml found"),
        "{notes:?}"
    );
    snapshot_all_formats("gim_only", &args);
}

#[test]
fn the_example_deployment_with_its_topology() {
    let args = ["testdata/examples"];
    let value = json(&args);
    assert_eq!(value["readiness"]["verdict"], "no-go");
    assert_eq!(step(&value, PREREQUISITES, "12")["status"], "fail");
    assert_eq!(step(&value, WFM, "8")["status"], "fail");
    assert_eq!(
        value["notes"].as_array().unwrap().len(),
        0,
        "gimlint.toml gives the topology"
    );
    snapshot_all_formats("examples", &args);
}

#[test]
fn post_migration_without_diff_leaves_the_comparison_not_checked() {
    let args = ["--phase", "post-migration", "testdata/examples-after"];
    let value = json(&args);
    let transfer = step(&value, DEPLOYMENT, "2");
    assert_eq!(transfer["status"], "not-checked");
    let reason = transfer["reason"].as_str().unwrap();
    assert!(
        reason
            .contains("DIF001, DIF002, DIF003 did not run (no before exports: run `gimlint diff`)"),
        "{reason}"
    );
    let startup = step(&value, DEPLOYMENT, "4");
    assert_eq!(startup["status"], "manual");
    assert_eq!(
        startup["reason"],
        "startup arguments, and the server's start, are not in option exports; gimlint checked the on-demand-migration note (GIM005): pass"
    );
    snapshot_all_formats("post_migration", &args);
}

/// A rule turned off, and a gimlint.toml that declares other applications than the run's.
#[test]
fn rules_that_did_not_run_say_why() {
    let value = json(&[
        "--ignore",
        "ICN001",
        "--config",
        "testdata/rules/GIM014/pass_same_schedule/gimlint.toml",
        "testdata/examples",
    ]);
    let icon = step(&value, PREREQUISITES, "12");
    assert_eq!(icon["status"], "not-checked");
    assert_eq!(
        icon["reason"],
        "ICN001 did not run (disabled by `--select`/`--ignore` or gimlint.toml); ICN002 found nothing"
    );
    let scheduler = step(&value, PREREQUISITES, "7");
    assert_eq!(
        scheduler["status"], "fail",
        "GIM001 found the scheduler running"
    );
    assert_eq!(
        scheduler["coverage"][1]["why_not"],
        "gimlint.toml declares no Genesys Info Mart application of the run"
    );
    let wfm = step(&value, WFM, "8");
    assert_eq!(wfm["status"], "not-checked");
    assert_eq!(
        wfm["coverage"][2]["why_not"],
        "gimlint.toml declares no WFM Server of the run"
    );
}

/// A gimlint.toml as `gimlint init` writes it, `connections` commented out: the rules that
/// read the connections had nothing to check, and the report does not count them as run.
#[test]
fn connection_rules_without_connections_did_not_check() {
    let value = json(&["testdata/rules/WFM003/pass_connections_unknown"]);
    let wfm = step(&value, WFM, "8");
    assert_eq!(wfm["status"], "not-checked");
    assert_eq!(wfm["coverage"][2]["ran"], false);
    assert_eq!(
        wfm["coverage"][2]["why_not"],
        "gimlint.toml writes no `connections` for any WFM Server of the run"
    );
    let written = json(&["testdata/rules/WFM003/pass_builder_and_dap"]);
    assert_eq!(step(&written, WFM, "8")["coverage"][2]["ran"], true);
}

/// An ICON export whose options name no ICON-only section is of unknown kind: the ICON
/// step says it was not checked, and names the export that may be the ICON it is about.
#[test]
fn a_step_without_its_kind_of_application_names_the_exports_of_unknown_kind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "testdata/rules/GIM001/pass_false.cfg",
        dir.path().join("gim.cfg"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("icon_voice.cfg"),
        "[callconcentrator]\nrole=all\n\n[log]\nverbose=standard\n",
    )
    .unwrap();
    let value = json(&[dir.path().to_str().unwrap()]);
    let icon = step(&value, PREREQUISITES, "12");
    assert_eq!(icon["status"], "not-checked");
    let reason = icon["reason"].as_str().unwrap();
    assert!(
        reason.contains("icon_voice.cfg` is one: gimlint could not tell its kind"),
        "{reason}"
    );
    let known = json(&["testdata/examples"]);
    assert!(!step(&known, PREREQUISITES, "12")
        .to_string()
        .contains("could not tell"));
}

/// An application whose only finding is a warning: NO-GO at the default threshold, as
/// `check` fails on it; GO with `--fail-on error`, as `check` passes.
#[test]
fn the_verdict_is_the_exit_status_of_check() {
    let folder = "testdata/readiness/gim_only";
    let app = |value: &Value| {
        value["readiness"]["applications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["path"] == format!("{folder}/dap_info_mart.cfg"))
            .unwrap()
            .clone()
    };
    for (fail_on, verdict, code) in [(None, "no-go", 1), (Some("error"), "go", 0)] {
        let flags: Vec<&str> = fail_on.map_or(vec![], |level| vec!["--fail-on", level]);
        let args: Vec<&str> = flags.iter().copied().chain([folder]).collect();
        let value = json(&args);
        assert_eq!(app(&value)["warnings"], 1);
        assert_eq!(app(&value)["verdict"], verdict, "--fail-on {fail_on:?}");
        assert_eq!(value["readiness"]["verdict"], verdict);
        assert_eq!(value["readiness"]["fail_on"], fail_on.unwrap_or("warning"));
        assert_eq!(report("json", &args).code, code);
        let check = run(gimlint().arg("check").args(&args));
        assert_eq!(check.code, code, "check agrees: {}", check.stdout);
        let markdown = report("markdown", &args).stdout;
        assert!(
            markdown.contains(&format!(
                "threshold (`--fail-on`): {}:",
                fail_on.unwrap_or("warning")
            )),
            "{markdown}"
        );
    }
}

#[test]
fn operational_errors_are_in_every_format_and_make_it_no_go() {
    let args = [
        "testdata/encodings/binary.cfg",
        "testdata/readiness/gim_only/gim_server.cfg",
    ];
    let value = json(&args);
    assert_eq!(value["readiness"]["verdict"], "no-go");
    let unread = &value["readiness"]["applications"][1];
    assert_eq!(unread["path"], "testdata/encodings/binary.cfg");
    assert_eq!(unread["verdict"], "no-go");
    assert!(unread["not_read"]
        .as_str()
        .unwrap()
        .starts_with("binary file"));
    let error = value["operational_errors"][0]["message"].as_str().unwrap();
    for format in ["markdown", "html"] {
        let result = report(format, &args);
        assert_eq!(result.code, 2);
        assert!(result.stdout.contains("Operational errors"), "{format}");
        assert!(
            result.stdout.contains(&error.replace('\'', "&#39;")) || result.stdout.contains(error),
            "{format} lacks {error:?}"
        );
    }
}

/// A file name and an option value holding backticks, markup and a table separator.
#[cfg(unix)]
#[test]
fn text_from_the_exports_never_becomes_markup() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("we`ird<i>|x.cfg");
    std::fs::write(
        &name,
        "[schedule]\nrun-scheduler=TRUE<u>`x`\n[log]\nverbose=<script>alert(1)</script>\n",
    )
    .unwrap();
    let path = name.to_str().unwrap();
    let markdown = report("markdown", &[path]).stdout;
    let row = markdown
        .lines()
        .find(|l| l.contains("Genesys Info Mart application"))
        .unwrap();
    assert!(
        row.starts_with(&format!("| ``{}`` |", path.replace('|', "\\|"))),
        "the path stays one code span in one cell: {row}"
    );
    for line in markdown.lines().filter(|l| l.contains("TRUE<u>")) {
        assert!(
            line.contains("`TRUE<u>`"),
            "quoted values stay code: {line}"
        );
    }
    let html = report("html", &[path]).stdout;
    for markup in ["<u>", "<i>", "<script"] {
        assert!(!html.contains(markup), "{markup} in {html}");
    }
}

#[test]
fn the_report_is_deterministic_and_written_where_asked() {
    let args = [
        "report",
        "--phase",
        "post-migration",
        "testdata/examples-after",
    ];
    let first = run(gimlint().args(args));
    let second = run(gimlint().args(args));
    assert_eq!(first.stdout, second.stdout, "same inputs, same bytes");
    let value = json(&["--phase", "post-migration", "testdata/examples-after"]);
    assert!(
        value["readiness"]["generated_at"].is_null(),
        "no timestamp unless asked"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("readiness.html");
    let written = run(gimlint()
        .args(args)
        .args(["--timestamp", "-o", out.to_str().unwrap()]));
    assert_eq!(written.code, 1, "{}", written.stderr);
    assert!(
        written
            .stdout
            .starts_with("NO-GO: readiness report written to"),
        "{}",
        written.stdout
    );
    let saved = std::fs::read_to_string(&out).unwrap();
    assert!(
        saved.contains("Generated at 2026-11-18T11:06:40Z."),
        "--timestamp uses SOURCE_DATE_EPOCH here"
    );
}
