//! Hostile input, one case per test: each is linted beside a witness export with a known
//! finding, in one run with a time bound. Whatever the case, gimlint does not panic or hang,
//! says what it could not lint (exit code 2) or lints it, and still reports the witness.
//! Large inputs are generated here, not committed.

// Tests say on stderr what they skipped; the library itself never prints.
#![allow(clippy::print_stderr)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

// Its helpers run gimlint as another Unix user; only Unix tests need them.
#[cfg(unix)]
mod common;

/// What one run printed, and its exit code.
struct Outcome {
    code: i32,
    report: Value,
    stderr: String,
}

/// A folder holding the witness (GIM001 at line 6) and whatever the case adds.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "testdata/rules/GIM001/fail_true.cfg",
        dir.path().join("witness.cfg"),
    )
    .unwrap();
    dir
}

/// `gimlint check --format json PATHS`, bounded in time.
fn lint(paths: &[&Path]) -> Outcome {
    let output = Command::cargo_bin("gimlint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .args(["check", "--format", "json"])
        .args(paths)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("killed (a hang past the time bound, or a crash): {stderr}"));
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("the output is not JSON ({e}): {stderr}"));
    Outcome {
        code,
        report,
        stderr,
    }
}

impl Outcome {
    fn witness_reported(&self) -> bool {
        self.report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "GIM001" && d["path"].as_str().unwrap().ends_with("witness.cfg"))
    }

    /// The operational error about a path ending with `name`, if any.
    fn error_for(&self, name: &str) -> Option<String> {
        self.report["operational_errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(name))
            .map(|e| e["message"].as_str().unwrap().to_owned())
    }

    fn codes_in(&self, name: &str) -> Vec<String> {
        self.report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(name))
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// Lints `bytes` written as `name` beside the witness: the run must report the witness; the
/// case's own outcome is returned for the test to check.
fn case(name: &str, bytes: &[u8]) -> Outcome {
    let dir = folder();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let outcome = lint(&[dir.path()]);
    assert!(outcome.witness_reported(), "{}", outcome.stderr);
    outcome
}

/// A case gimlint lints as an export (exit 1: the witness's finding).
fn linted(name: &str, bytes: &[u8]) -> Outcome {
    let outcome = case(name, bytes);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert_eq!(outcome.error_for(name), None);
    outcome
}

/// A case gimlint cannot lint: exit 2, a message about that file.
fn refused(name: &str, bytes: &[u8]) -> String {
    let outcome = case(name, bytes);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    outcome
        .error_for(name)
        .unwrap_or_else(|| panic!("no error for {name}: {}", outcome.report))
}

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend(if little_endian {
            [0xFF, 0xFE]
        } else {
            [0xFE, 0xFF]
        });
    }
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

const GIM_STOPPED: &str = "[schedule]\r\nrun-scheduler=false\r\nrun-aggregates=false\r\n";

#[test]
fn empty_and_bom_only_files_are_linted() {
    assert!(linted("empty.cfg", b"").codes_in("empty.cfg").is_empty());
    assert!(linted("bom.cfg", b"\xEF\xBB\xBF")
        .codes_in("bom.cfg")
        .is_empty());
}

#[test]
fn nul_bytes_are_a_binary_file() {
    let message = refused("archive.cfg", b"[log]\nall=\x00\x01\x02\n");
    assert!(message.contains("binary"), "{message}");
}

#[test]
fn invalid_utf8_is_read_as_windows_1252_and_said() {
    let outcome = linted("latin.cfg", b"[log]\nall=caf\xE9\n");
    assert_eq!(outcome.codes_in("latin.cfg"), ["OPT005"]);
}

#[test]
fn utf16_with_a_bom_is_decoded_either_way_round() {
    for (name, little) in [("le.cfg", true), ("be.cfg", false)] {
        let text = GIM_STOPPED.replace("false\r\nrun-agg", "TRUE\r\nrun-agg");
        let outcome = linted(name, &utf16(&text, little, true));
        assert!(
            outcome.codes_in(name).contains(&"GIM001".to_owned()),
            "{name}"
        );
    }
}

#[test]
fn utf16_without_a_bom_is_refused_as_binary_not_misread() {
    for (name, little) in [("le.cfg", true), ("be.cfg", false)] {
        let message = refused(name, &utf16(GIM_STOPPED, little, false));
        assert!(message.contains("binary"), "{message}");
    }
}

#[test]
fn cr_only_line_endings_give_real_lines() {
    let outcome = linted("mac.cfg", b"[schedule]\rrun-scheduler=TRUE\r");
    let finding = &outcome.report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("mac.cfg") && d["code"] == "GIM001")
        .unwrap()["start"];
    assert_eq!(finding["line"], 2, "{finding}");
}

#[test]
fn a_50_mb_single_line_is_linted() {
    let mut bytes = b"[log]\nall=".to_vec();
    bytes.resize(bytes.len() + 50_000_000, b'x');
    linted("long_line.cfg", &bytes);
}

#[test]
fn a_million_lines_and_100_000_sections_are_linted() {
    let mut million = String::from("[custom]\n");
    for i in 0..1_000_000 {
        million.push_str(&format!("o{i}=v\n"));
    }
    linted("million.cfg", million.as_bytes());
    let sections: String = (0..100_000).map(|i| format!("[s{i}]\na=1\n")).collect();
    linted("sections.cfg", sections.as_bytes());
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = folder();
    std::fs::write(dir.path().join("huge.cfg"), vec![b'x'; 2 << 20]).unwrap();
    let output = Command::cargo_bin("gimlint")
        .unwrap()
        .args(["check", "--format", "json", "--max-file-size", "1"])
        .arg(dir.path())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["operational_errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("larger than the 1 MB limit"));
}

/// A file of very short lines costs memory by its lines, not its bytes: one past the line
/// limit (one line per 32 bytes of the 64 MB size limit) is refused, and the other files,
/// one at the limit included, are still linted.
#[test]
fn a_file_of_more_lines_than_the_limit_is_refused_and_the_others_linted() {
    let dir = folder();
    let lines = (64 << 20) / 32;
    std::fs::write(dir.path().join("short-lines.cfg"), "\n".repeat(lines + 1)).unwrap();
    let mut at_the_limit = "[log]\nverbose=standard\n".to_owned();
    at_the_limit.push_str(&"\n".repeat(lines - 2));
    std::fs::write(dir.path().join("at-the-limit.cfg"), at_the_limit).unwrap();
    let output = Command::cargo_bin("gimlint")
        .unwrap()
        .args(["check", "--format", "json", "--select", "OPT,GIM"])
        .arg(dir.path())
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = report["operational_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("short-lines.cfg"));
    assert!(
        errors[0]["message"].as_str().unwrap().contains(&format!(
            "holds {} lines, more than the {lines} limit",
            lines + 1
        )),
        "{errors:?}"
    );
    let linted = report["applications"].as_array().unwrap();
    assert!(
        linted
            .iter()
            .any(|a| a["path"].as_str().unwrap().ends_with("at-the-limit.cfg")),
        "{linted:?}"
    );
}

const BOMB: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1"><public><key name="&lol9;" source="userdata" history="last"/></public></adata_spec>
"#;

#[test]
fn an_entity_bomb_and_an_external_entity_are_never_expanded() {
    // Named like a spec, so it is linted whatever its content.
    let bomb = case("ccon_adata_spec_bomb.xml", BOMB.as_bytes());
    assert!(bomb.code <= 2, "{}", bomb.stderr);
    let external = BOMB.replace(
        r#"<!ENTITY lol "lol">"#,
        r#"<!ENTITY lol SYSTEM "file:///etc/passwd">"#,
    );
    let outcome = case("ccon_adata_spec_external.xml", external.as_bytes());
    let output = outcome.report.to_string();
    assert!(!output.contains("root:"), "an external entity was read");
}

#[test]
fn xml_nested_100_000_levels_deep_does_not_overflow_the_stack() {
    let depth = 100_000;
    let xml = format!(
        "<adata_spec xmlns=\"http://www.genesyslab.com/standards/icon/ed1\">{}{}</adata_spec>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let outcome = case("ccon_adata_spec_deep.xml", xml.as_bytes());
    assert!(outcome.code <= 2, "{}", outcome.stderr);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_do_not_stop_the_run() {
    let dir = folder();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.cfg"),
        dir.path().join("dangling.cfg"),
    )
    .unwrap();
    let outcome = lint(&[dir.path()]);
    assert!(outcome.witness_reported(), "{}", outcome.stderr);
    // A link that leads nowhere is named, not silently skipped.
    assert!(
        outcome.error_for("dangling.cfg").is_some(),
        "{}",
        outcome.report
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_refused_without_blocking() {
    let dir = folder();
    let fifo = dir.path().join("pipe.cfg");
    if !std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("SKIPPED: mkfifo is not available");
        return;
    }
    let outcome = lint(&[dir.path()]);
    assert!(outcome.witness_reported());
    assert_eq!(outcome.code, 2);
    assert!(outcome
        .error_for("pipe.cfg")
        .unwrap()
        .contains("not a regular file"));
}

#[test]
fn a_folder_named_like_an_export_is_walked_not_read() {
    let dir = folder();
    let inner = dir.path().join("x.cfg");
    std::fs::create_dir(&inner).unwrap();
    std::fs::copy(
        "testdata/rules/GIM001/fail_true.cfg",
        inner.join("inner.cfg"),
    )
    .unwrap();
    let outcome = lint(&[dir.path(), &inner]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert_eq!(
        outcome.codes_in("inner.cfg").len(),
        2,
        "linted once, found from both paths"
    );
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_is_shown_and_linted() {
    use std::os::unix::ffi::OsStrExt;
    let dir = folder();
    let name = std::ffi::OsStr::from_bytes(b"caf\xE9.cfg");
    let path = dir.path().join(name);
    if std::fs::copy("testdata/rules/GIM001/fail_true.cfg", &path).is_err() {
        eprintln!("SKIPPED: this file system refuses non-UTF-8 names");
        return;
    }
    let outcome = lint(&[dir.path()]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(
        !outcome.codes_in("caf\u{FFFD}.cfg").is_empty(),
        "{}",
        outcome.report
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_the_others_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder();
    // Root reads anything: then gimlint runs as nobody.
    let Some((mut command, _)) = common::unprivileged_gimlint(dir.path()) else {
        return;
    };
    let secret = dir.path().join("locked.cfg");
    std::fs::write(&secret, GIM_STOPPED).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = command
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let errors = report["operational_errors"].to_string();
    assert!(
        errors.contains("locked.cfg") && errors.contains("ermission denied"),
        "{errors}"
    );
    assert!(report["diagnostics"].to_string().contains("GIM001"));
}

/// `gimlint check --color never PATHS` in the human format: what a terminal or a CI log
/// shows, stdout and stderr together.
fn shown(paths: &[&Path]) -> String {
    let output = Command::cargo_bin("gimlint")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .args(["check", "--color", "never"])
        .args(paths)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

/// A gimlint.toml in the linted tree (a repository's, which anyone who can open a pull
/// request writes) declares exports outside its folder: by `..`, by an absolute path and by
/// a link that leads out. ICN005 compares a declared HA pair option by option, quoting the
/// partner's values: read, the other file's secrets would be printed. They are not read; a
/// note names each.
#[cfg(unix)]
#[test]
fn exports_that_gimlint_toml_declares_outside_its_folder_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let token = "AKIA_OUTSIDE_TOKEN_0123456789";
    std::fs::write(
        outside.path().join("credentials"),
        format!("[default]\naws_access_key_id = {token}\n"),
    )
    .unwrap();
    std::fs::copy(
        "testdata/examples/icon_voice.cfg",
        dir.path().join("icon_voice.cfg"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("credentials"),
        dir.path().join("linked.cfg"),
    )
    .unwrap();
    let declared = [
        format!("{}/credentials", outside.path().display()),
        format!(
            "../{}/credentials",
            outside.path().file_name().unwrap().to_str().unwrap()
        ),
        "linked.cfg".to_owned(),
    ];
    for file in declared {
        std::fs::write(
            dir.path().join("gimlint.toml"),
            format!(
                "[[application]]\nname = \"A\"\nfile = \"icon_voice.cfg\"\nha-pair = \"B\"\n\n\
                 [[application]]\nname = \"B\"\nfile = \"{file}\"\nkind = \"icon\"\n"
            ),
        )
        .unwrap();
        let outcome = lint(&[&dir.path().join("icon_voice.cfg")]);
        let everything = format!("{}{}", outcome.report, outcome.stderr);
        assert!(!everything.contains(token), "{file}: {everything}");
        assert!(
            outcome.report["notes"]
                .to_string()
                .contains("gimlint.toml declares it, but it is outside"),
            "{file}: {}",
            outcome.report["notes"]
        );
    }
}

/// A link planted in a repository must not make gimlint read what it leads to: a link to a
/// file or a folder outside the folder named is skipped, said in the notes, and its target
/// never shown. A link to a file inside is followed, and each file is linted once: by its
/// own name when the walk reaches it, else by the first link's.
#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_not_followed_and_linked_files_are_linted_once() {
    use std::os::unix::fs::symlink;
    let dir = folder();
    let outside = tempfile::tempdir().unwrap();
    // Lines that are not options: OPT001 would show each one in a snippet.
    let token = "ghp_OUTSIDE_TOKEN_0123456789";
    std::fs::write(outside.path().join("credentials"), format!("{token}\n")).unwrap();
    std::fs::write(outside.path().join("x.cfg"), format!("{token}\n")).unwrap();
    symlink(
        outside.path().join("credentials"),
        dir.path().join("creds.cfg"),
    )
    .unwrap();
    symlink(outside.path(), dir.path().join("more")).unwrap();
    let passwd = Path::new("/etc/passwd");
    if passwd.exists() {
        symlink(passwd, dir.path().join("passwd.conf")).unwrap();
    }
    // Inside: a second name for the witness, and two links to a file not named like one.
    std::fs::write(
        dir.path().join("inside.txt"),
        "[schedule]\nrun-scheduler=true\n",
    )
    .unwrap();
    symlink("witness.cfg", dir.path().join("alias.cfg")).unwrap();
    symlink("inside.txt", dir.path().join("linked.cfg")).unwrap();
    symlink("linked.cfg", dir.path().join("again.cfg")).unwrap();

    let outcome = lint(&[dir.path()]);
    assert_eq!(
        outcome.code, 1,
        "links out are notes, not errors: {}",
        outcome.stderr
    );
    let linted: Vec<&str> = outcome.report["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .map(|p| p.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(linted, ["again.cfg", "witness.cfg"], "{}", outcome.report);
    let notes = outcome.report["notes"].to_string();
    let mut out = vec!["creds.cfg", "more"];
    if passwd.exists() {
        out.push("passwd.conf");
    }
    for name in out {
        assert!(
            notes.contains(&format!("/{name}: a symbolic link that leads out of")),
            "{name}: {notes}"
        );
    }

    let human = shown(&[dir.path()]);
    assert!(!human.contains(token), "{human}");
    assert!(!human.contains("root:"), "{human}");
    assert_eq!(human.matches("error[GIM001]").count(), 2, "{human}");
    // A file named on the command line is read wherever it is: the user chose it.
    let named = lint(&[&dir.path().join("creds.cfg")]);
    assert_eq!(named.codes_in("creds.cfg"), ["OPT001"], "{}", named.report);
}
