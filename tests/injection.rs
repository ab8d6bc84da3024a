//! No output injection: an export and its file name, written by someone else, hold escape
//! sequences (a clipboard write, a window title, erased lines), carriage returns, a line
//! break followed by a GitHub Actions workflow command, other C0 and C1 control characters,
//! backticks, markup, a table cell's `|` and `##[` (the runner's other command prefix).
//! Whatever the format, none of it acts on the terminal or the CI log that shows the output,
//! or restructures the output: each test runs one format on that export.
//!
//! Unix only: Windows file names cannot hold control characters.
#![cfg(unix)]

use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

mod common;

/// The export's file name: it starts with a workflow command, and holds a window-title
/// escape sequence, `\r\n` followed by another command, a C1 control sequence introducer,
/// backticks and `##[`. Given as a relative path, it starts the lines of the short format.
const NAME: &str =
    "::error::name\u{1b}]0;owned\u{7}\r\n::error title=x::line\u{9b}31m`x``##[warning]n.cfg";

/// How [`NAME`]'s window-title sequence is shown.
const NAME_SHOWN: &str = r"\x1b]0;owned\x07";

/// A Genesys Info Mart export with hostile values (each an invalid value that a message
/// quotes), a hostile comment, section, option name, a lone `\r` (a line break) followed by
/// a command, and the two non-characters XML forbids.
const EXPORT: &str = "[gim-etl]\n\
days-to-keep-gim-facts=4\u{1b}]52;c;b3duZWQ=\u{7}\n\
; \u{1b}[2J\u{1b}[H the screen was erased\n\
[schedule]\n\
run-scheduler=##[error]value `<img src=x onerror=alert(1)>`` | \u{9b}2J\u{7f}\u{1}\u{fffe}\u{ffff}\n\
etl-frequency=15\n\
run-sch\u{1b}[8meduler=true\n\
[log]\n\
verbose=standard\r::error::lone-cr\n\
[gim\u{1b}[5m-x]\n\
k=\u{b}\u{c}v\n";

/// How the clipboard-writing value is shown.
const VALUE_SHOWN: &str = r"\x1b]52;c;b3duZWQ=\x07";

/// A folder holding the hostile export.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(NAME), EXPORT).unwrap();
    dir
}

struct Run {
    stdout: String,
    stderr: String,
}

/// gimlint run in `dir` with `args`, with a clean environment; the output must be UTF-8.
fn gimlint(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("gimlint")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_ACTIONS")
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Run {
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr,
    }
}

/// `what` around byte `at` of `text`, for assertion messages.
fn around(text: &str, at: usize) -> String {
    let boundary = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = boundary(at.saturating_sub(60));
    let end = boundary((at + 60).min(text.len()));
    format!("{:?}", &text[start..end])
}

/// Nothing in `text` acts on a terminal (no control character but line feed and tab) or
/// starts a workflow command in a CI log: no line starts with `::` once its leading white
/// space is trimmed (as the runner reads lines), and `##[` is nowhere.
fn assert_no_control_and_no_command(format: &str, text: &str) {
    assert_no_control(format, text);
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "{format}: a line starts a workflow command: {line:?}"
        );
    }
}

fn assert_no_control(format: &str, text: &str) {
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && c != '\n' && c != '\t')
    {
        panic!("{format}: {c:?} at byte {at}: {}", around(text, at));
    }
    if let Some(at) = text.find("##[") {
        panic!("{format}: `##[` at byte {at}: {}", around(text, at));
    }
}

/// Every character of `text` is one XML 1.0 allows.
fn assert_xml_characters(format: &str, text: &str) {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c >= '\u{10000}'
    };
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| !allowed(c)) {
        panic!("{format}: {c:?}, which XML 1.0 forbids, at byte {at}");
    }
}

/// An XML reader goes through `text` without an error.
fn assert_well_formed(format: &str, text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "{format}: not well-formed at {}: {e}",
                reader.error_position()
            ),
        }
    }
}

/// `text` as CommonMark with GitHub's tables reads it: no HTML comes from it, and every
/// table row has as many cells as its head. Returns its code spans.
fn markdown_code_spans(format: &str, text: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut head_cells = 0;
    let mut cells = 0;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                panic!("{format}: the Markdown makes HTML: {html:?}")
            }
            Event::Code(code) => spans.push(code.into_string()),
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => (head_cells, cells) = (cells, 0),
            Event::End(TagEnd::TableRow) => {
                assert_eq!(
                    cells, head_cells,
                    "{format}: a row with more cells than its head"
                );
                cells = 0;
            }
            _ => {}
        }
    }
    spans
}

#[test]
fn human() {
    let dir = hostile();
    // A path that does not exist: its operational error is on standard error.
    let missing = "missing\u{1b}]0;owned\u{7}\n::error::x.cfg";
    let run = gimlint(dir.path(), &["check", "--color", "never", NAME, missing]);
    assert_no_control_and_no_command("human", &run.stdout);
    assert_no_control_and_no_command("human, standard error", &run.stderr);
    for shown in [NAME_SHOWN, VALUE_SHOWN, r"\u{9b}2J\x7f\x01"] {
        assert!(run.stdout.contains(shown), "{shown} in {}", run.stdout);
    }
    assert!(run
        .stderr
        .contains(r"missing\x1b]0;owned\x07\x0a::error::x.cfg"));
    // Labels underline the value they are about, escaped as it is.
    let lines: Vec<&str> = run.stdout.lines().collect();
    let (value_line, underline) = lines
        .windows(2)
        .map(|pair| (pair[0], pair[1]))
        .find(|(line, next)| {
            line.ends_with(&format!("days-to-keep-gim-facts=4{VALUE_SHOWN}")) && next.contains('┬')
        })
        .unwrap_or_else(|| panic!("{}", run.stdout));
    let value_at = value_line.chars().position(|c| c == '=').unwrap() + 1;
    assert_eq!(
        underline
            .chars()
            .skip(value_at)
            .take_while(|&c| c == '─' || c == '┬')
            .count(),
        VALUE_SHOWN.len() + 1,
        "{value_line}\n{underline}"
    );
    // A baseline that cannot be read is a usage error, which names it.
    let baseline = "missing\u{1b}]0;owned\u{7}\n::error::b.json";
    let run = gimlint(dir.path(), &["check", "--baseline", baseline, NAME]);
    assert_no_control_and_no_command("human, usage error", &run.stderr);
    assert!(
        run.stderr
            .contains(r"missing\x1b]0;owned\x07\x0a::error::b.json: "),
        "{}",
        run.stderr
    );
    // An empty folder is an error that names it, in a message: the message keeps its line
    // breaks, not its commands.
    let empty = "empty\n::error::e";
    std::fs::create_dir(dir.path().join(empty)).unwrap();
    let run = gimlint(dir.path(), &["check", empty]);
    assert_no_control_and_no_command("human, nothing linted", &run.stderr);
    assert!(run.stderr.contains("\n\\x3a:error::e"), "{}", run.stderr);
    // A usage error quotes its argument.
    let run = gimlint(dir.path(), &["explain", "gim\u{1b}[2J/x"]);
    assert_no_control_and_no_command("human, usage error", &run.stderr);
    assert!(run.stderr.contains(r"[gim\x1b[2J]"), "{}", run.stderr);
    // A gimlint.toml that does not parse: its excerpt keeps its lines, escaped.
    std::fs::write(dir.path().join("bad.toml"), "select = [\"X\u{1b}[2J\"]\n").unwrap();
    let run = gimlint(dir.path(), &["check", "--config", "bad.toml", NAME]);
    assert_no_control_and_no_command("human, configuration error", &run.stderr);
    assert!(
        run.stderr.contains("\n1 | select = [\"X\\x1b[2J\"]\n"),
        "{}",
        run.stderr
    );
    // A label that quotes a value (an ICON's role), a finding that quotes a file name (an
    // unused suppression of gimlint.toml) with a snippet of that file, and the name of the
    // config in use.
    std::fs::write(
        dir.path().join("icon.cfg"),
        "[callconcentrator]\ncseq-adjustment=0\nrole=CFG\u{1b}[8m,all\n",
    )
    .unwrap();
    let config = "gimlint\u{1b}]0;owned\u{7}.toml";
    let toml_name: String = NAME
        .chars()
        .map(|c| match c {
            c if c.is_control() => format!("\\u{:04x}", u32::from(c)),
            c => c.to_string(),
        })
        .collect();
    std::fs::write(
        dir.path().join(config),
        format!("[[suppress]]\nrules = [\"ICN003\"]\nfile = \"{toml_name}\"\nreason = \"r\"\n"),
    )
    .unwrap();
    let run = gimlint(
        dir.path(),
        &[
            "check", "--color", "never", "--config", config, NAME, "icon.cfg",
        ],
    );
    assert_no_control_and_no_command("human, labels, notes, config", &run.stdout);
    for shown in [
        r"`role=CFG\x1b[8m,all` includes `all`",
        &format!("the `[[suppress]]` entry of ICN003 suppressed nothing in\n  │ `::error::name{NAME_SHOWN}"),
        &format!("╭─[gimlint{NAME_SHOWN}.toml:2:9]"),
        &format!("config: gimlint{NAME_SHOWN}.toml"),
    ] {
        assert!(run.stdout.contains(shown), "{shown} in {}", run.stdout);
    }
    // A section lost between two exports: the help quoting its name is wrapped so that a
    // line would start with the command the name holds, and the name ends in an escape
    // sequence (save the cursor).
    let before = dir.path().join("before");
    let after = dir.path().join("after");
    std::fs::create_dir(&before).unwrap();
    std::fs::create_dir(&after).unwrap();
    let kept = "[gim-etl]\ndays-to-keep-gim-facts=400\n[schedule]\nrun-scheduler=false\n";
    let lost = format!("[{} ::error::wrapped\u{1b}7]\nk=v\n", "x".repeat(87));
    std::fs::write(before.join("gim.cfg"), format!("{kept}{lost}")).unwrap();
    std::fs::write(after.join("gim.cfg"), kept).unwrap();
    let run = gimlint(dir.path(), &["diff", "--color", "never", "before", "after"]);
    assert!(run.stdout.contains("::error::wrapped"), "{}", run.stdout);
    assert_no_control_and_no_command("human diff", &run.stdout);
}

#[test]
fn short() {
    let run = gimlint(hostile().path(), &["check", "--format", "short", NAME]);
    assert_no_control_and_no_command("short", &run.stdout);
    for shown in [NAME_SHOWN, VALUE_SHOWN] {
        assert!(run.stdout.contains(shown), "{shown} in {}", run.stdout);
    }
}

#[test]
fn github() {
    let run = gimlint(hostile().path(), &["check", "--format", "github", NAME]);
    assert_no_control("github", &run.stdout);
    assert!(!run.stdout.is_empty());
    for line in run.stdout.lines() {
        // One command per line, with the properties gimlint writes, and the message.
        let (command, rest) = line.split_once(' ').unwrap();
        assert!(
            ["::error", "::warning", "::notice"].contains(&command),
            "{line}"
        );
        let (properties, _message) = rest.split_once("::").unwrap();
        let names: Vec<&str> = properties
            .split(',')
            .map(|p| p.split_once('=').unwrap().0)
            .collect();
        assert_eq!(
            names,
            ["file", "line", "col", "endLine", "endColumn", "title"],
            "{line}"
        );
    }
    for shown in [NAME_SHOWN, VALUE_SHOWN] {
        assert!(run.stdout.contains(shown), "{shown} in {}", run.stdout);
    }
}

#[test]
fn junit() {
    let run = gimlint(hostile().path(), &["check", "--format", "junit", NAME]);
    assert_no_control_and_no_command("junit", &run.stdout);
    assert_xml_characters("junit", &run.stdout);
    assert_well_formed("junit", &run.stdout);
    for shown in [NAME_SHOWN, VALUE_SHOWN] {
        assert!(run.stdout.contains(shown), "{shown} in {}", run.stdout);
    }
}

/// A file gimlint cannot read is a JUnit `<error>` that names it: its hostile name is shown
/// escaped there too, and the report stays well-formed XML 1.0.
#[test]
fn junit_error_of_a_hostile_file_that_cannot_be_read() {
    let dir = hostile();
    std::fs::write(dir.path().join(NAME), b"[gim-etl]\0\0binary").unwrap();
    let run = gimlint(dir.path(), &["check", "--format", "junit", NAME]);
    assert!(run.stdout.contains("<error "), "{}", run.stdout);
    assert_no_control_and_no_command("junit", &run.stdout);
    assert_xml_characters("junit", &run.stdout);
    assert_well_formed("junit", &run.stdout);
    assert!(run.stdout.contains(NAME_SHOWN), "{}", run.stdout);
}

/// Every string in `value`, however deep.
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(text) => vec![text],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(fields) => fields.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// The JSON formats (`check`'s json, sarif and gitlab, the readiness report's and the
/// inventory's) keep every name and value as it is, in valid JSON that a terminal or a CI log
/// can show.
#[test]
fn json_formats() {
    let dir = hostile();
    for args in [
        ["check", "--format", "json"],
        ["check", "--format", "sarif"],
        ["check", "--format", "gitlab"],
        ["report", "--format", "json"],
        ["inventory", "--format", "json"],
    ] {
        let format = args.join(" ");
        let run = gimlint(dir.path(), &[&args[..], &[NAME]].concat());
        assert_no_control_and_no_command(&format, &run.stdout);
        let value: Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{format}: not JSON: {e}"));
        let strings = strings(&value);
        let path_kept = |s: &&str| *s == NAME;
        // SARIF has the path as a URI reference, percent-encoded.
        assert!(
            args[2] == "sarif" || strings.iter().any(path_kept),
            "{format}: {strings:?}"
        );
        for kept in ["4\u{1b}]52;c;b3duZWQ=\u{7}", "##[error]value `<img"] {
            assert!(
                strings.iter().any(|s| s.contains(kept)),
                "{format}: {kept:?} in {strings:?}"
            );
        }
    }
}

#[test]
fn markdown_report() {
    let run = gimlint(hostile().path(), &["report", "--format", "markdown", NAME]);
    assert_no_control_and_no_command("markdown report", &run.stdout);
    let spans = markdown_code_spans("markdown report", &run.stdout);
    let name = spans.iter().find(|s| s.contains(NAME_SHOWN)).unwrap();
    assert!(
        name.ends_with("n.cfg"),
        "the file name is one code span: {name:?}"
    );
    assert!(spans.iter().any(|s| s.contains(VALUE_SHOWN)), "{spans:?}");
}

#[test]
fn html_report() {
    let run = gimlint(hostile().path(), &["report", "--format", "html", NAME]);
    assert_no_control_and_no_command("html report", &run.stdout);
    assert_xml_characters("html report", &run.stdout);
    assert_well_formed("html report", &run.stdout);
    assert!(!run.stdout.contains("<img"), "{}", run.stdout);
    for shown in [NAME_SHOWN, VALUE_SHOWN] {
        assert!(run.stdout.contains(shown), "{shown} in {}", run.stdout);
    }
}

#[test]
fn inventory() {
    let run = gimlint(hostile().path(), &["inventory", NAME]);
    assert_no_control_and_no_command("inventory", &run.stdout);
    let spans = markdown_code_spans("inventory", &run.stdout);
    assert!(
        spans
            .iter()
            .any(|s| s.contains(NAME_SHOWN) && s.ends_with("n.cfg")),
        "{spans:?}"
    );
    // The value with backticks and markup is one code span, whole.
    let value = spans
        .iter()
        .find(|s| s.contains("[error]value"))
        .unwrap_or_else(|| panic!("{spans:?}"));
    assert!(
        value.ends_with(r"\u{9b}2J\x7f\x01\u{fffe}\u{ffff}"),
        "{value:?}"
    );
    assert!(spans.iter().any(|s| s.contains(VALUE_SHOWN)), "{spans:?}");
}

/// `--fix` says on standard error which file it could not fix: a file this user may not
/// write, with the hostile name.
#[test]
fn fix_messages() {
    let dir = tempfile::tempdir().unwrap();
    let Some(user) = common::unprivileged_user(dir.path()) else {
        return;
    };
    let folder = user.folder(dir.path(), "exports");
    let export = folder.join(NAME);
    std::fs::copy("testdata/rules/OPT006/fail_trailing_value.cfg", &export).unwrap();
    user.give(&export);
    std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = user
        .gimlint()
        .current_dir(&folder)
        .env_remove("GITHUB_ACTIONS")
        .args(["check", "--fix", "--color", "never", NAME])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_no_control_and_no_command("--fix, standard error", &stderr);
    assert!(
        stderr.contains(&format!(
            r"::error::name{NAME_SHOWN}\x0d\x0a::error title=x::line\u{{9b}}31m`x``#\x23[warning]n.cfg: not fixed: the file is read-only"
        )),
        "{stderr}"
    );
}

/// `check --diff` shows the export's lines around a fix: escaped like every output, its path
/// quoted as git quotes one, and a note that this diff does not apply as a patch (a diff of
/// a plain export does: `tests/fix.rs`).
#[test]
fn diff() {
    let dir = hostile();
    // A blank after a value (OPT006, a safe fix) among the hostile lines.
    let export = EXPORT.replace("etl-frequency=15", "etl-frequency=15 ");
    std::fs::write(dir.path().join(NAME), export).unwrap();
    let run = gimlint(dir.path(), &["check", "--diff", NAME]);
    assert!(
        run.stdout.contains("\n+etl-frequency=15\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(r"\x1b[2J"), "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("--- \"a/::error::name\\033]0;owned\\007\\r\\n"),
        "{}",
        run.stdout
    );
    assert_no_control_and_no_command("--diff", &run.stdout);
    assert_no_control_and_no_command("--diff messages", &run.stderr);
    assert!(
        run.stderr
            .contains("does not apply as a patch: it shows control characters escaped"),
        "{}",
        run.stderr
    );
}
