//! The work gimlint does grows linearly with its input: for each shape of input (many lines,
//! many sections, one option repeated, one long line, deep XML, many files of one fleet,
//! many findings on one line, `diff` of large exports, an HA pair of large exports, many
//! suppressions, many fingerprints), a run on twice the input executes at most 2.5 times the
//! instructions of a run on the input (linear work gives about 2, a quadratic step about 4).
//! Instructions are counted by valgrind (cachegrind, no cache simulation), which gives the
//! same count on every run, unlike time; without valgrind the test says it is skipped (CI
//! installs it).
//!
//! Shapes stay under the number of findings gimlint keeps of a rule in a file (1,000): past
//! it, findings are counted, not kept, and a quadratic step in what is kept would not show.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The instructions `gimlint ARGS` executes (reading `stdin`, when given); `None` when
/// valgrind cannot be run.
fn instructions(args: &[OsString], stdin: Option<&Path>) -> Option<u64> {
    let stdin = match stdin {
        Some(path) => std::fs::File::open(path).unwrap().into(),
        None => std::process::Stdio::null(),
    };
    let output = Command::new("valgrind")
        .args([
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
        ])
        .arg(env!("CARGO_BIN_EXE_gimlint"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .stdin(stdin)
        .output();
    let Ok(output) = output else {
        return None;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "gimlint could not do {args:?}: {stderr}"
    );
    let refs = stderr
        .lines()
        .find_map(|line| line.split("I   refs:").nth(1))
        .unwrap_or_else(|| panic!("no instruction count from valgrind: {stderr}"));
    Some(refs.trim().replace(',', "").parse().unwrap())
}

/// Writes what `make(n)` gives for `n` and `2n` under `name` and compares the counts of
/// `gimlint check --format json PATH`.
fn grows_linearly(name: &str, n: usize, make: impl Fn(&Path, usize)) {
    grows_linearly_running(
        name,
        n,
        |path| args(&["check", "--format", "json"], path),
        make,
    )
}

/// `words` and `path`, as arguments.
fn args(words: &[&str], path: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> = words.iter().map(OsString::from).collect();
    args.push(path.into());
    args
}

/// Like [`grows_linearly`], running gimlint with the arguments `command` gives for `PATH`
/// (with `PATH/stdin` as its standard input, when `make` wrote one).
#[allow(clippy::print_stderr)] // the measured counts, and what was skipped
fn grows_linearly_running(
    name: &str,
    n: usize,
    command: impl Fn(&Path) -> Vec<OsString>,
    make: impl Fn(&Path, usize),
) {
    let dir = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    for size in [n, 2 * n] {
        let path = dir.path().join(format!("{size}")).join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        make(&path, size);
        let stdin = path.join("stdin");
        let stdin = stdin.exists().then_some(stdin.as_path());
        let Some(count) = instructions(&command(&path), stdin) else {
            eprintln!("SKIPPED {name}: valgrind is not installed");
            return;
        };
        counts.push(count);
    }
    let ratio = counts[1] as f64 / counts[0] as f64;
    eprintln!(
        "{name}: {} -> {} instructions, ×{ratio:.2}",
        counts[0], counts[1]
    );
    assert!(
        ratio <= 2.5,
        "{name}: doubling the input multiplied the instructions by {ratio:.2} ({counts:?})"
    );
}

fn write_lines(path: &Path, n: usize, line: impl Fn(usize) -> String) {
    let text: String = (0..n).map(|i| line(i) + "\n").collect();
    std::fs::write(path, text).unwrap();
}

#[test]
fn many_options_in_one_section() {
    grows_linearly("options.cfg", 600, |path, n| {
        write_lines(path, n, |i| {
            if i == 0 {
                "[gim-etl]".into()
            } else {
                format!("option-{i}=value {i}")
            }
        })
    });
}

#[test]
fn many_sections() {
    grows_linearly("sections.cfg", 3_000, |path, n| {
        write_lines(path, n, |i| format!("[section-{i}]\nrun-scheduler=false"))
    });
}

#[test]
fn one_option_defined_again_and_again() {
    grows_linearly("repeated.cfg", 1_500, |path, n| {
        write_lines(path, n, |i| {
            if i == 0 {
                "[schedule]".into()
            } else {
                "run-scheduler=false ".into()
            }
        })
    });
}

#[test]
fn one_long_line() {
    grows_linearly("long.cfg", 200_000, |path, n| {
        std::fs::write(path, format!("[gim-etl]\nurl={}\n", "a".repeat(n))).unwrap()
    });
}

/// A line of `n` copies of `piece` after `prefix`, in a GIM DAP's `[gim-etl]`.
fn write_repeated_line(path: &Path, prefix: &str, piece: &str, n: usize) {
    let line = format!("{prefix}{}", piece.repeat(n));
    std::fs::write(path, format!("[gim-etl]\nrole=INFO_MART\nx={line}\n")).unwrap()
}

#[test]
fn many_jdbc_urls_on_one_line() {
    // Each URL read to the end of the line made every password run to it.
    grows_linearly("oracle.cfg", 1_000, |path, n| {
        write_repeated_line(path, "", "jdbc:oracle:thin:a/", n)
    });
    grows_linearly("queries.cfg", 1_000, |path, n| {
        write_repeated_line(path, "; ", "jdbc:x?a=b&", n)
    });
    grows_linearly("user-info.cfg", 1_000, |path, n| {
        write_repeated_line(path, "", "jdbc:mysql://u:p@", n)
    });
    // Every `&` of a secret without a `;` after it: each looked to the end of the line for
    // the `;` of an XML reference.
    grows_linearly("ampersands.cfg", 1_000, |path, n| {
        write_repeated_line(path, "", "jdbc:postgresql://u:p@h/?password=x&", n)
    });
}

/// The human format on a line of secrets, each a finding: each finding printed the whole
/// line, the square of the line in all.
#[test]
fn human_output_of_many_findings_on_one_long_line() {
    grows_linearly_running(
        "human.cfg",
        300,
        |path| args(&["check"], path),
        |path, n| write_repeated_line(path, "", "jdbc:postgresql://u:p@h/?password=x&", n),
    );
}

#[test]
fn many_connection_strings_on_one_line() {
    grows_linearly("http.cfg", 1_000, |path, n| {
        write_repeated_line(path, "", "http://u:p@", n)
    });
    grows_linearly("odbc.cfg", 1_000, |path, n| {
        write_repeated_line(path, "DSN=gim", ";PWD=a&b", n)
    });
}

#[test]
fn nested_secret_values_on_one_line() {
    // Each `{` value runs to the end of the line: every one of them a needle would make the
    // needles grow with the square of the line.
    grows_linearly("braces.cfg", 500, |path, n| {
        write_repeated_line(path, "jdbc:sqlserver://db", ";password={", n)
    });
}

#[test]
fn deeply_nested_xml() {
    grows_linearly("ccon_adata_spec_deep.xml", 5_000, |path, n| {
        let text = format!(
            "<?xml version=\"1.0\"?>\n<a xmlns=\"http://www.genesyslab.com/standards/icon/ed1\">{}{}</a>\n",
            "<b>".repeat(n),
            "</b>".repeat(n)
        );
        std::fs::write(path, text).unwrap()
    });
}

#[test]
fn many_files_of_one_fleet() {
    grows_linearly("fleet", 50, |path, n| {
        std::fs::create_dir_all(path).unwrap();
        std::fs::copy(
            "testdata/rules/GIM001/fail_true.cfg",
            path.join("gim_server.cfg"),
        )
        .unwrap();
        for i in 0..n {
            std::fs::write(
                path.join(format!("dap_{i}.cfg")),
                "[gim-etl]\nrole=ICON_CORE\n[default]\ndbengine=postgre\n",
            )
            .unwrap();
        }
    });
}

/// One line of XML with a finding every few kilobytes: each position is found without
/// counting the line from its start (counting made each finding cost its column).
#[test]
fn many_findings_on_one_long_line() {
    grows_linearly("ccon_adata_spec_line.xml", 300, |path, n| {
        let key = format!(
            "<key name=\"Segment\" source=\"userdata\" history=\"last\"/>{}",
            " ".repeat(4_000)
        );
        let text = format!(
            "<adata_spec xmlns=\"http://www.genesyslab.com/standards/icon/ed1\"><public>{}</public></adata_spec>\n",
            key.repeat(n)
        );
        std::fs::write(path, text).unwrap()
    });
}

/// `gimlint diff` of two large exports of a GIM application: options changed, options and
/// sections gone.
#[test]
fn diff_of_large_exports() {
    let export = |n: usize, after: bool| {
        let mut text = String::from("[date-time]\ndate-time-tz=Europe/Paris\n[custom]\n");
        for i in 0..n {
            // After the migration every option changed, and every eighth is gone.
            match (after, i % 8) {
                (false, _) => text.push_str(&format!("option-{i}=before {i}\n")),
                (true, 0) => {}
                (true, _) => text.push_str(&format!("option-{i}=after {i}\n")),
            }
        }
        if !after {
            for i in 0..n / 8 {
                text.push_str(&format!("[lost-{i}]\nkept=yes\n"));
            }
        }
        text
    };
    let diff = |path: &Path| {
        args(&["diff", "--format", "json"], &path.join("before.cfg"))
            .into_iter()
            .chain([path.join("after.cfg").into()])
            .collect()
    };
    grows_linearly_running("gim", 2_000, diff, |path, n| {
        std::fs::create_dir_all(path).unwrap();
        std::fs::write(path.join("before.cfg"), export(n, false)).unwrap();
        std::fs::write(path.join("after.cfg"), export(n, true)).unwrap();
    });
}

/// Writes `gimlint.toml` and the exports of an HA pair of ICON applications into `dir`,
/// with `n` options of which every tenth differs.
fn write_ha_pair(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for (side, value) in [("a", "1"), ("b", "2")] {
        let mut text = String::from("[callconcentrator]\nrole=all\ncseq-adjustment=2\n[extra]\n");
        for i in 0..n {
            let value = if i % 10 == 0 { value } else { "same" };
            text.push_str(&format!("option-{i}={value}\n"));
        }
        std::fs::write(dir.join(format!("icon_{side}.cfg")), text).unwrap();
    }
    std::fs::write(
        dir.join("gimlint.toml"),
        "[[application]]\nname = \"A\"\nfile = \"icon_a.cfg\"\nha-pair = \"B\"\n\n[[application]]\nname = \"B\"\nfile = \"icon_b.cfg\"\n",
    )
    .unwrap();
}

/// ICN005 compares the two applications of an HA pair option by option.
#[test]
fn ha_pair_of_large_exports() {
    grows_linearly("pair", 2_000, write_ha_pair);
}

/// An inline suppression before every one of many findings.
#[test]
fn a_suppression_for_each_of_many_findings() {
    grows_linearly("suppressed.cfg", 1_500, |path, n| {
        write_lines(path, n, |i| match i {
            0 => "[schedule]\nrun-scheduler=false".into(),
            _ => "; gimlint: ignore OPT003 -- kept on purpose\nrun-scheduler=false".into(),
        })
    });
}

/// A run of suppression comments, each waiting for the option after the last of them.
#[test]
fn a_run_of_suppression_comments() {
    // SUP001 would report every comment but the first as unused.
    let check = |path: &Path| args(&["check", "--format", "json", "--ignore", "SUP001"], path);
    grows_linearly_running("comments.cfg", 3_000, check, |path, n| {
        let comments = "; gimlint: ignore OPT006 -- spacing of the vendor tool\n".repeat(n);
        std::fs::write(path, format!("[extra]\n{comments}key = value\n")).unwrap()
    });
}

/// gimlint.toml suppresses the findings of one option, among many findings and options.
#[test]
fn config_suppressions_of_many_findings() {
    grows_linearly("config", 1_500, |path, n| {
        std::fs::create_dir_all(path).unwrap();
        let options: String = (0..n)
            .map(|i| format!("option-{i}=1\nrun-scheduler=false\n"))
            .collect();
        std::fs::write(path.join("gim.cfg"), format!("[schedule]\n{options}")).unwrap();
        std::fs::write(
            path.join("gimlint.toml"),
            "[[suppress]]\nrules = [\"OPT003\"]\nsection = \"schedule\"\noption = \"run-scheduler\"\nreason = \"the last one counts\"\n",
        )
        .unwrap();
    });
}

/// SARIF fingerprints name the section and option of each finding: found by a search, not
/// by a scan of the options before it (findings are few and far apart, so that a scan
/// shows).
#[test]
fn fingerprints_of_many_findings() {
    grows_linearly_running(
        "fingerprints.cfg",
        20_000,
        |path| args(&["check", "--format", "sarif"], path),
        |path, n| {
            // `[extra]` is in no schema: its options cost little to check. `k` defined
            // again is an OPT003 finding, its trailing blank an OPT006 one.
            write_lines(path, n, |i| match i {
                0 => "[extra]".into(),
                _ if i % 50 == 0 => "k=v ".into(),
                _ => format!("option-{i}=1"),
            })
        },
    );
}

/// The language server's diagnostics of a large document with findings spread over it: each
/// position comes from the document's line index, not from counting from the start.
#[test]
fn language_server_diagnostics_of_a_large_document() {
    let message = |body: serde_json::Value| {
        let body = body.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let lsp = |_: &Path| vec![OsString::from("lsp")];
    grows_linearly_running("session", 20_000, lsp, |path, n| {
        // As in `fingerprints_of_many_findings`: two findings every 50 options.
        let text: String = std::iter::once("[extra]".to_owned())
            .chain((1..n).map(|i| match i % 50 {
                0 => "k=v ".to_owned(),
                _ => format!("option-{i}=1"),
            }))
            .map(|line| line + "\n")
            .collect();
        let uri = "file:///tmp/large.cfg";
        let session = [
            message(
                serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
            ),
            message(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})),
            message(
                serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "ini", "version": 1, "text": text}}}),
            ),
            message(serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})),
            message(serde_json::json!({"jsonrpc": "2.0", "method": "exit"})),
        ];
        std::fs::create_dir_all(path).unwrap();
        std::fs::write(path.join("stdin"), session.concat()).unwrap();
    });
}
