//! Random secret values, written in every place and form exports keep secrets: no output of
//! any kind shows any part of one, and hiding them moves no reported line or column.
//!
//! Every surface runs in this process: each `check` format (from files and from standard
//! input), `--diff`, `--fix`'s messages, `--write-baseline`'s file, `inventory`, `diff`,
//! `report` in each format, and the language server's answers and logs.

use gimlint::cli::{self, Cli, Environment};
use gimlint::report::human::{self, HumanOptions};
use gimlint::report::json;
use gimlint::settings::Settings;
use gimlint::{lint, Input};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::Path;

/// The letters every other character of a secret is taken from. No text of gimlint's own,
/// no path and no escape holds two of them four characters apart, so any four characters
/// of a secret in an output are a leak, never a coincidence.
const MARKS: &[char] = &['Ж', 'Ω', 'Ø', '§', '¤', 'Ђ'];

/// A secret: marks alternating with any character a password may hold, among them each
/// that ends or quotes a value in some form (`;`, `&`, `,`, `)`, `}`, quotes, `@`, `/`,
/// `?`, `=`, `:`), blanks, `*` and non-ASCII characters. It starts and ends with a mark
/// (blanks around a value are OPT006's business, not a secret's).
fn secret() -> impl Strategy<Value = String> {
    let any = prop::sample::select(
        "abcXYZ019 =\"':@/?&;,(){}[]%#<>|`\\*+.-!é€中ß"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop::collection::vec((prop::sample::select(MARKS), any), 3..12).prop_map(|pairs| {
        let mut secret: String = pairs.iter().flat_map(|&(mark, c)| [mark, c]).collect();
        secret.push(MARKS[0]);
        secret
    })
}

/// `secret` with each character of `special` percent-encoded, as a URL needs it.
fn encoded(secret: &str, special: &str) -> String {
    secret
        .chars()
        .map(|c| {
            if special.contains(c) || c == '%' {
                format!("%{:02X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// How many secrets [`export`] writes.
const PLACES: usize = 32;

/// An option export holding `s[i]` in every place and form gimlint must hide a secret in,
/// each written as its place needs; the first also repeated as another option's value and
/// in a comment. A trailing blank on most option lines gives OPT006 a fix there, so that
/// `--diff` shows those lines; the scheduler left running gives GIM001 one too.
fn export(s: &[String]) -> String {
    assert_eq!(s.len(), PLACES);
    let query = |i: usize| encoded(&s[i], "&");
    let no = |i: usize, special: &str| encoded(&s[i], special);
    format!(
        "[schedule]\nrun-scheduler=TRUE\n\n[default]\n\
         password={} \nPassWord={} \ndbPassWord={} \npass-word = {} \nPass_Word={} \n\
         PassPhrase={} \napi-key={} \nx-api-key={} \ndb-pass={} \ncredentials={} \n\
         private-key={} \nclient-secret={} \naccess-token={} \nDBPassword = {} \n\
         other-option={} \n; password={}\n; see {} for the details\npassword: {}\n\
         [gim-etl] pass-word={}\n\
         jdbc-url=jdbc:postgresql://db.example:5432/gim?user=gim&password={}&ssl=true \n\
         jdbc-user-info=jdbc:postgresql://gim:{}@db.example:5432/gim \n\
         jdbc-oracle=jdbc:oracle:thin:gim/{}@db:1521:GIM \n\
         jdbc-oracle-quoted=jdbc:oracle:thin:gim/\"{}\"@//db:1521/GIM \n\
         jdbc-sqlserver=jdbc:sqlserver://db:1433;databaseName=gim;user=gim;password={{{}}};encrypt=true \n\
         jdbc-sqlserver-spaced=jdbc:sqlserver://db;password = {} ;user=gim \n\
         jdbc-stores=jdbc:sqlserver://db;trustStorePassword={};keyStoreSecret={} \n\
         jdbc-ssl=jdbc:postgresql://db/gim?sslpassword={} \n\
         jdbc-mysql=jdbc:mysql://(host=db,port=3306,user=gim,password={})/gim \n\
         jdbc-mysql-passwd=jdbc:mysql://db/gim?passwd={} \n\
         jdbc-db2=jdbc:db2://db:50000/gim:user=gim;password={}; \n\
         jdbc-quoted=\"jdbc:postgresql://db/gim?user=gim&password={}\" \n\
         jdbc-url: jdbc:postgresql://db/gim?user=gim&password={}\n\
         ; jdbc-url=jdbc:oracle:thin:gim/{}@db:1521:GIM\n\
         api-token={} \n[log]\nverbose=standard\n",
        s[1],
        s[2],
        s[3],
        s[4],
        s[5],
        s[6],
        s[7],
        s[8],
        s[9],
        s[10],
        s[11],
        s[12],
        s[13],
        s[14],
        s[1],
        s[15],
        s[1],
        s[16],
        s[17],
        query(18),
        s[19],
        no(20, "()"),
        no(21, "\""),
        s[22].replace('}', "}}"),
        no(23, ";"),
        no(24, ";"),
        no(25, ";"),
        query(26),
        no(27, ",)"),
        query(28),
        no(29, ";"),
        query(30),
        query(31),
        no(0, "()"),
        s[0],
    )
}

/// Another export of the same run, with no secret of its own: it repeats two of
/// `export`'s, where rules quote values (an invalid `verbose`) and in a comment.
fn other_export(s: &[String]) -> String {
    format!("[log]\nverbose={}\n; {}\nall=stdout\n", s[1], s[16])
}

fn env() -> Environment {
    Environment {
        stdout_is_terminal: false,
        no_color: false,
        hyperlinks: false,
        ascii_only: false,
        width: 100,
        current_year: 2026,
        today: "2026-11-18".into(),
        now_utc: "2026-11-18T11:06:40Z".into(),
        github_actions: false,
    }
}

/// Runs gimlint in this process: what it prints, and the files it would write.
fn gimlint(args: &[&str], stdin: &str) -> String {
    let mut argv = vec!["gimlint"];
    argv.extend(args);
    let cli = <Cli as clap::Parser>::try_parse_from(argv).unwrap();
    let mut outcome = cli::run(cli, &env(), &mut stdin.as_bytes());
    let mut shown = format!("{}\n{}\n", outcome.stdout_text(), outcome.stderr);
    for (_, text) in outcome.files {
        shown.push_str(&text);
    }
    shown
}

/// What an editor sees of an export through the language server: diagnostics, quick fixes,
/// a hover, log messages. (The server lints each document alone: the secrets it knows are
/// the document's and those of the exports gimlint.toml declares.)
fn language_server(text: &str) -> String {
    let mut input = Vec::new();
    let mut send = |message: Value| {
        let body = message.to_string();
        input.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes());
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = "file:///nonexistent/gimlint-secrets/gim.cfg";
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "ini", "version": 1, "text": text}}}),
    );
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}});
    send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}}),
    );
    send(
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 5, "character": 2}}}),
    );
    // Invalid params: logged, never quoted.
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": text}, "contentChanges": text}}),
    );
    send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}));
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let mut output = Vec::new();
    gimlint::lsp::serve_on(input.as_slice(), &mut output, "2026-11-18");
    String::from_utf8(output).unwrap()
}

/// Every output gimlint has of a run over `export(after)` and `other_export(after)`, and
/// of a `diff` from exports holding `before`, by name.
fn every_output(before: &[String], after: &[String]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("before"), dir.path().join("after"));
    for (folder, secrets) in [(&old, before), (&new, after)] {
        std::fs::create_dir(folder).unwrap();
        std::fs::write(folder.join("gim.cfg"), export(secrets)).unwrap();
        std::fs::write(folder.join("other.cfg"), other_export(secrets)).unwrap();
    }
    let path = |p: &Path| p.to_str().unwrap().to_owned();
    let (new_s, old_s) = (path(&new), path(&old));
    let text = export(after);
    let baseline = path(&dir.path().join("baseline.json"));
    let mut outputs = Vec::new();
    let mut run = |name: String, args: &[&str], stdin: &str| {
        outputs.push((name, gimlint(args, stdin)));
    };
    for format in [
        "human", "short", "json", "sarif", "github", "junit", "gitlab",
    ] {
        run(
            format!("check {format}"),
            &["check", "--format", format, "--color", "never", &new_s],
            "",
        );
        run(
            format!("check {format} from standard input"),
            &[
                "check",
                "--format",
                format,
                "-",
                "--stdin-filename",
                "gim.cfg",
            ],
            &text,
        );
        run(
            format!("diff {format}"),
            &["diff", "--format", format, &old_s, &new_s],
            "",
        );
    }
    run(
        "check human --color always".into(),
        &["check", "--format", "human", "--color", "always", &new_s],
        "",
    );
    run("--diff".into(), &["check", "--diff", &new_s], "");
    run(
        "--diff --unsafe-fixes from standard input".into(),
        &[
            "check",
            "--diff",
            "--unsafe-fixes",
            "-",
            "--stdin-filename",
            "gim.cfg",
        ],
        &text,
    );
    run(
        "--write-baseline".into(),
        &["check", "--write-baseline", &baseline, &new_s],
        "",
    );
    for format in ["markdown", "json"] {
        run(
            format!("inventory {format}"),
            &["inventory", "--format", format, &old_s, &new_s],
            "",
        );
    }
    for format in ["markdown", "json", "html"] {
        run(
            format!("report {format}"),
            &["report", "--format", format, &new_s],
            "",
        );
    }
    // Last: `--fix` rewrites the exports (their new text is the user's, not an output).
    run(
        "--fix --unsafe-fixes".into(),
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "short",
            &new_s,
        ],
        "",
    );
    outputs.push(("language server".into(), language_server(&text)));
    outputs
}

/// The texts an output shows, as its readers see them: as written, and with the escapes of
/// its format undone (JSON strings, HTML and XML entities, workflow commands' percent
/// escapes, Markdown's backslashes), so that an escaped secret is found too.
fn readings(output: &str) -> Vec<String> {
    let mut readings = vec![output.to_owned()];
    let mut strings = Vec::new();
    // JSON, or the framed JSON messages of the language server.
    for body in output.split("Content-Length: ").map(|part| {
        part.split_once("\r\n\r\n")
            .map_or(part, |(_, body)| body)
            .trim()
    }) {
        if let Ok(value) = serde_json::from_str::<Value>(body) {
            collect_strings(&value, &mut strings);
        }
    }
    readings.push(strings.join("\n"));
    readings.push(
        output
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&amp;", "&"),
    );
    readings.push(percent_decoded(output));
    readings.push(output.replace('\\', ""));
    readings
}

fn collect_strings(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::String(s) => into.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, into)),
        Value::Object(map) => {
            for (key, v) in map {
                into.push(key.clone());
                collect_strings(v, into);
            }
        }
        _ => {}
    }
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| {
            bytes
                .get(at)
                .and_then(|&b| (b as char).to_digit(16))
                .map(|d| d as u8)
        };
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push(high * 16 + low);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every run of 4 characters of `secrets`, as generated and as written in the exports,
/// that holds two marks: each would be a leak.
fn pieces(secrets: &[String]) -> Vec<String> {
    let mut pieces = std::collections::BTreeSet::new();
    for secret in secrets {
        let written = [
            secret.clone(),
            encoded(secret, "&"),
            encoded(secret, ";"),
            encoded(secret, ",)"),
            secret.replace('}', "}}"),
        ];
        for form in written {
            let chars: Vec<char> = form.chars().collect();
            for piece in chars.windows(4) {
                if piece.iter().filter(|c| MARKS.contains(c)).count() >= 2 {
                    pieces.insert(piece.iter().collect::<String>());
                }
            }
        }
    }
    pieces.into_iter().collect()
}

/// The first piece of a secret that `output` shows, in any of its readings.
fn leak(output: &str, finder: &aho_corasick::AhoCorasick, pieces: &[String]) -> Option<String> {
    readings(output)
        .iter()
        .find_map(|reading| finder.find(reading.as_str()))
        .map(|found| pieces[found.pattern().as_usize()].clone())
}

/// `input` as an in-memory file.
fn input(name: &str, text: String) -> Input {
    Input::Memory {
        name: name.into(),
        bytes: text.into_bytes(),
    }
}

/// The `[file:line:column]` headers of the human output match positions of the JSON output:
/// masking a secret must not move what comes after it on its line.
fn human_headers_match_json(secrets: &[String], settings: &Settings) -> Result<(), String> {
    let report = lint(&[input("gim.cfg", export(secrets))], settings);
    let output: Value = serde_json::from_str(&json::render(&report)).unwrap();
    let mut known = std::collections::HashSet::new();
    for d in output["diagnostics"].as_array().unwrap() {
        known.insert((d["start"]["line"].as_u64(), d["start"]["column"].as_u64()));
        for label in d["labels"].as_array().unwrap() {
            let start = &label["location"]["start"];
            known.insert((start["line"].as_u64(), start["column"].as_u64()));
        }
    }
    let human = human::render(&report, HumanOptions::new(false, 100));
    for header in human.split("[gim.cfg:").skip(1) {
        let place = header.split(']').next().unwrap();
        let (line, column) = place.split_once(':').unwrap();
        let at = (line.parse().ok(), column.parse().ok());
        if !known.contains(&at) {
            return Err(format!(
                "human output shows {place}, which no JSON position is:\n{human}"
            ));
        }
    }
    Ok(())
}

/// (code, start line, start column, end line, end column) of every finding, from the JSON.
fn positions(secrets: &[String], settings: &Settings) -> Vec<(String, u64, u64, u64, u64)> {
    let report = lint(&[input("gim.cfg", export(secrets))], settings);
    let output: Value = serde_json::from_str(&json::render(&report)).unwrap();
    output["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let at = |end: &str, what: &str| d[end][what].as_u64().unwrap();
            (
                d["code"].as_str().unwrap().to_owned(),
                at("start", "line"),
                at("start", "column"),
                at("end", "line"),
                at("end", "column"),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn no_output_shows_any_part_of_a_secret(
        before in prop::collection::vec(secret(), PLACES),
        after in prop::collection::vec(secret(), PLACES),
    ) {
        let secrets: Vec<String> = before.iter().chain(&after).cloned().collect();
        let pieces = pieces(&secrets);
        let finder = aho_corasick::AhoCorasick::new(&pieces).unwrap();
        let outputs = every_output(&before, &after);
        for (surface, text) in &outputs {
            if let Some(piece) = leak(text, &finder, &pieces) {
                prop_assert!(false, "{surface} shows {piece:?} of a secret:\n{text}");
            }
        }
        // The surfaces said something: the masks, the findings, the fixes.
        let shown = |surface: &str| &outputs.iter().find(|(s, _)| s == surface).unwrap().1;
        prop_assert!(shown("--diff --unsafe-fixes from standard input").contains("+password=·"));
        prop_assert!(shown("check short").contains("SEC001"));
        prop_assert!(shown("--write-baseline").contains("password: ·"));
        prop_assert!(shown("language server").contains("SEC001"));
    }

    #[test]
    fn hiding_a_secret_moves_no_line_or_column(after in prop::collection::vec(secret(), PLACES)) {
        let settings = Settings::all_rules("2026-11-18");
        // As many characters, the letters and digits made `x`, the others kept where they
        // were (they decide how a line parses and where a word ends).
        let plain: Vec<String> = after
            .iter()
            .map(|secret| {
                secret
                    .chars()
                    .map(|c| if c.is_alphanumeric() { 'x' } else { c })
                    .collect()
            })
            .collect();
        prop_assert_eq!(positions(&after, &settings), positions(&plain, &settings));
        prop_assert_eq!(human_headers_match_json(&after, &settings), Ok(()));
    }
}

/// A fingerprint keys a finding by its place; on a line that is not an option the place is
/// the line. Hashed as written, a CI artifact would let anyone confirm a guessed password
/// offline: the fingerprint must not change with the secret, only with what output shows.
#[test]
fn fingerprints_do_not_depend_on_a_secret() {
    let settings = Settings::all_rules("2026-11-18");
    let fingerprints = |password: &str| {
        let text = format!(
            "[gim-etl]\npassword: {password}\n[dap password={password}\n\
             jdbc-url: jdbc:postgresql://db/gim?user=gim&password={password}\n"
        );
        let report = lint(&[input("gim.cfg", text)], &settings);
        gimlint::report::fingerprints(&report)
    };
    let first = fingerprints("Tr0ub4dor&3");
    assert!(first.len() >= 3, "{first:?}");
    assert_eq!(first, fingerprints("hunter2hunt"));
}

/// What `check` prints of `folder` in each format (human, short, json, sarif, github,
/// junit, gitlab: indexes 0 to 6), then `report` in each of its formats (7 to 9).
fn every_format_of(folder: &str) -> Vec<String> {
    let mut outputs = Vec::new();
    for format in [
        "human", "short", "json", "sarif", "github", "junit", "gitlab",
    ] {
        outputs.push(gimlint(
            &["check", "--format", format, "--color", "never", folder],
            "",
        ));
    }
    for format in ["markdown", "json", "html"] {
        outputs.push(gimlint(&["report", "--format", format, folder], ""));
    }
    outputs
}

/// The lines a finding shows (its snippet, and the place that keys baselines and
/// fingerprints) are kept when its file is checked, before the secrets of the files read
/// after it are known: a secret of `b.cfg` quoted on lines of `a.cfg` is masked there all
/// the same, in every output.
#[test]
fn a_secret_of_one_file_is_masked_in_the_snippets_and_places_of_another() {
    let secret = "Zebra-Orchid-42";
    let dir = tempfile::tempdir().unwrap();
    // `a.cfg` is read first and holds no secret of its own: an invalid value (OPT011) and a
    // line that is no option (OPT001, whose place is the line) quote the password of `b.cfg`.
    std::fs::write(
        dir.path().join("a.cfg"),
        format!("[log]\nverbose={secret}\nall=stdout\nsee {secret} here\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.cfg"),
        format!("[db]\npassword={secret}\n"),
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let baseline = dir.path().join("baseline.json");
    let mut outputs = every_format_of(folder);
    outputs.push(gimlint(
        &[
            "check",
            "--write-baseline",
            baseline.to_str().unwrap(),
            folder,
        ],
        "",
    ));
    let short = &outputs[1];
    assert!(short.contains("a.cfg:2:9: error[OPT011]"), "{short}");
    assert!(short.contains("a.cfg:4:1: error[OPT001]"), "{short}");
    let human = &outputs[0];
    let mask = "*".repeat(secret.len());
    assert!(human.contains(&format!(" 2 │ verbose={mask}")), "{human}");
    assert!(human.contains(&format!(" 4 │ see {mask} here")), "{human}");
    let written = &outputs[10];
    assert!(
        written.contains(&format!("\"place\": \"see {mask} here\"")),
        "{written}"
    );
    for output in &outputs {
        assert!(!output.contains(secret), "the secret is shown:\n{output}");
    }
}

#[test]
fn a_secret_of_an_export_is_masked_in_the_snippets_of_gimlint_toml() {
    let secret = "Walrus-Tulip-97";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("icon.cfg"),
        format!("[callconcentrator]\ncseq-adjustment=2\n[db]\npassword={secret}\n"),
    )
    .unwrap();
    // The stale entries of gimlint.toml are findings with a snippet of gimlint.toml: the
    // lines around them quote the password of the export, and one of their own.
    std::fs::write(
        dir.path().join("gimlint.toml"),
        format!(
            "[[suppress]]\n# the DBA rotated {secret} last week\nrules = [\"ICN001\"]\nfile = \"icon.cfg\"\nreason = \"lab\"\n\n[[suppress]]\nrules = [\"OPT011\"]\nfile = \"icon.cfg\"\nreason = \"lab\"\nticket = \"password=Own-Toml-Secret-8\"\nuntil = \"2020-01-01\"\n"
        ),
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let outputs = every_format_of(folder);
    let short = &outputs[1];
    assert!(
        short.contains("gimlint.toml:3:9: warning[SUP001]"),
        "{short}"
    );
    assert!(
        short.contains("gimlint.toml:12:9: warning[SUP002]"),
        "{short}"
    );
    let human = &outputs[0];
    let mask = "*".repeat(secret.len());
    assert!(
        human.contains(&format!(" 2 │ # the DBA rotated {mask} last week")),
        "{human}"
    );
    for output in &outputs {
        assert!(!output.contains(secret), "the secret is shown:\n{output}");
        assert!(
            !output.contains("Own-Toml-Secret-8"),
            "gimlint.toml's own secret is shown:\n{output}"
        );
    }
}

/// SARIF's notifications of what could not be linted are an output too: a gimlint.toml
/// that does not parse is quoted in its error, here on a line that holds the password of an
/// export, and that password shows neither there nor in the export's finding.
#[test]
fn a_secret_in_an_error_message_or_a_finding_is_not_in_the_sarif() {
    let secret = "Heron-Quartz-31";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("b.cfg"),
        format!("[db]\npassword={secret}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gimlint.toml"),
        format!("reason = \"{secret}\n"),
    )
    .unwrap();
    let sarif = gimlint(
        &["check", "--format", "sarif", dir.path().to_str().unwrap()],
        "",
    );
    let json = &sarif[sarif.find('{').unwrap()..sarif.rfind('}').unwrap() + 1];
    let value: Value = serde_json::from_str(json).unwrap();
    let run = &value["runs"][0];
    let notification = &run["invocations"][0]["toolExecutionNotifications"][0];
    let message = notification["message"]["text"].as_str().unwrap();
    assert!(message.contains("invalid configuration"), "{message}");
    assert!(message.contains(&"*".repeat(secret.len())), "{message}");
    assert!(
        run["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ruleId"] == "SEC001"),
        "{sarif}"
    );
    assert!(!sarif.contains(secret), "the secret is shown:\n{sarif}");
}

/// A password pasted into gimlint.toml itself, beside an application's keys or as the value
/// of a key that quotes what it rejects, is masked in the error that says gimlint.toml is
/// invalid: in the TOML reader's excerpt and in gimlint's own messages.
#[test]
fn a_secret_pasted_into_gimlint_toml_is_masked_in_its_error() {
    let secret = "Osprey-Lichen-64";
    let url = format!("jdbc:oracle:thin:gim/{secret}@db:1521/GIM");
    for toml in [
        format!("[[application]]\nname = \"DAP\"\nfile = \"a.cfg\"\ndb-password = \"{secret}\"\n"),
        format!("password = {secret}\n"),
        format!("select = [\"{url}\"]\n"),
        format!("target-release = \"{url}\"\n"),
        format!("[[application]]\nname = \"x\"\nfile = \"a.cfg\"\nha-pair = \"{url}\"\n"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.cfg"), "[gim-etl]\nx=1\n").unwrap();
        std::fs::write(dir.path().join("gimlint.toml"), &toml).unwrap();
        let shown = gimlint(&["check", dir.path().to_str().unwrap()], "");
        assert!(shown.contains("invalid configuration"), "{toml}\n{shown}");
        assert!(
            !shown.contains(secret),
            "the secret is shown:\n{toml}\n{shown}"
        );
    }
}

/// Every output of a folder holding `files` (each `check` format, `report`, the baseline
/// file; with `alone`, each file's JSON from standard input and the language server's
/// answers, where each file is linted without the others' secrets): checks that none shows
/// four characters in a row of any of `secrets`, in any reading, and returns the short
/// output.
fn assert_no_part_of(secrets: &[&str], files: &[(&str, String)], alone: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let folder = dir.path().to_str().unwrap();
    let baseline = dir.path().join("baseline.json");
    let mut outputs = every_format_of(folder);
    outputs.push(gimlint(
        &[
            "check",
            "--write-baseline",
            baseline.to_str().unwrap(),
            folder,
        ],
        "",
    ));
    for (name, text) in files.iter().filter(|_| alone) {
        outputs.push(gimlint(
            &["check", "--format", "json", "--stdin-filename", name, "-"],
            text,
        ));
        outputs.push(language_server(text));
    }
    let pieces: Vec<String> = secrets
        .iter()
        .flat_map(|secret| {
            let chars: Vec<char> = secret.chars().collect();
            chars
                .windows(4)
                .map(|piece| piece.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    let finder = aho_corasick::AhoCorasick::new(&pieces).unwrap();
    for output in &outputs {
        if let Some(piece) = leak(output, &finder, &pieces) {
            panic!("`{piece}` of a secret is shown:\n{output}");
        }
    }
    outputs.swap_remove(1)
}

/// What the markup of an attached-data specification names a secret is hidden like a
/// password option: the value of a key named like a password, the text of a `<password>`
/// element or of a property named so, and an unquoted `password=` on a malformed line.
#[test]
fn secrets_the_markup_of_a_specification_names_are_hidden() {
    let spec = |keys: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<adata_spec xmlns=\"http://www.genesyslab.com/standards/icon/ed1\">\n<public>\n{keys}\n</public>\n</adata_spec>\n"
        )
    };
    let short = assert_no_part_of(
        &["Nc5Pg7Xe3Ua", "Gy2Bt6Hm4Ov", "Ka3Vb8Nq2Lx", "Lr6Cf2Ns9Tb"],
        &[
            (
                "ccon_adata_spec_a.xml",
                spec(
                    "<key name=\"db-password\" value=\"Nc5Pg7Xe3Ua\" source=\"userdata\" history=\"bogus\"/>\n\
                     <password>Gy2Bt6Hm4Ov</password>\n<key name=\"k5\" source=\"userdata\" history=\"bogus\"/>\n\
                     <property name=\"DBPassword\">Ka3Vb8Nq2Lx</property>\n<key name=\"k6\" source=\"userdata\" history=\"bogus\"/>",
                ),
            ),
            (
                "ccon_adata_spec_b.xml",
                spec("<key name=\"k1\" source=\"userdata\" history=\"last\" password=Lr6Cf2Ns9Tb />"),
            ),
        ],
        true,
    );
    // The findings whose lines show the secrets are there to be checked.
    assert!(short.contains("ccon_adata_spec_a.xml:4:"), "{short}");
    assert!(short.contains("ccon_adata_spec_b.xml:4:"), "{short}");
}

/// The XML reader's messages quote what they found; inside a secret value, that is part of
/// the secret (a single character, too short for the redactor to look for elsewhere): the
/// message names the value instead.
#[test]
fn a_well_formedness_error_inside_a_secret_value_quotes_none_of_it() {
    let spec = |key: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<adata_spec xmlns=\"http://www.genesyslab.com/standards/icon/ed1\"><public>{key}</public></adata_spec>\n"
        )
    };
    let short = assert_no_part_of(
        &["Qp5Wn8Rx2Vb", "Qp5&Wn8Rx2Vb;", "Gm4Tz7Hc1Pd"],
        &[
            (
                "ccon_adata_spec_1.xml",
                spec("<key name=\"a\" password=Qp5Wn8Rx2Vb source=\"userdata\"/>"),
            ),
            (
                "ccon_adata_spec_2.xml",
                spec("<key name=\"a\" password=\"Qp5&Wn8Rx2Vb;\" source=\"userdata\"/>"),
            ),
            (
                "ccon_adata_spec_3.xml",
                spec("<password>Gm4&Tz7Hc1Pd;</password>"),
            ),
        ],
        true,
    );
    assert!(
        short.contains("expected the value of `password` in quotes, found (hidden)"),
        "{short}"
    );
    assert!(
        short.contains("undefined entity (hidden) in the value of `password`"),
        "{short}"
    );
    assert!(
        short.contains("undefined entity (hidden) in the text of `<password>`"),
        "{short}"
    );
}

/// A secret of a specification is written with XML's references (`&amp;`), and the same
/// secret in an option file without them: each is masked wherever the other form shows.
#[test]
fn a_secret_is_masked_across_files_in_its_xml_form_and_decoded() {
    let spec = |keys: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<adata_spec xmlns=\"http://www.genesyslab.com/standards/icon/ed1\">\n<public>\n{keys}\n</public>\n</adata_spec>\n"
        )
    };
    let short = assert_no_part_of(
        &["Hn4&Wq7Lc2", "Ab&Cd<Ef9x", "Jd9Fs1Kw0Yq"],
        &[
            (
                "app.cfg",
                "[settings]\npassword=Ab&Cd<Ef9x\n[log]\nverbose=Hn4&Wq7Lc2\nall=Jd9Fs1Kw0Yq\n".to_owned(),
            ),
            (
                "ccon_adata_spec_a.xml",
                spec(
                    "<key name=\"k3\" source=\"userdata\" history=\"last\" password=\"Hn4&amp;Wq7Lc2\"/>\n\
                     <key name=\"k4\" source=\"userdata\" history=\"last\" password=\"Jd&#57;Fs&#49;Kw&#48;Yq\"/>\n\
                     <key name=\"Ab&amp;Cd&lt;Ef9x\" source=\"userdata\" history=\"bogus\"/>\n\
                     <key name=\"Ab&amp;Cd&lt;Ef9x\" source=\"userdata\" history=\"last\"/>",
                ),
            ),
        ],
        false,
    );
    assert!(short.contains("app.cfg:4:9: error[OPT011]"), "{short}");
    assert!(short.contains("error[ADS003]"), "{short}");
}

/// A role list split at commas may cut a JDBC password in two: the piece ICN003 reports is
/// described, not quoted.
#[test]
fn a_piece_of_a_value_that_is_part_of_a_secret_is_not_quoted() {
    let short = assert_no_part_of(
        &["Nw3,Jc8Xs5Gt", "Tb7,Mq4Zx9Lw"],
        &[(
            "icon.cfg",
            "[callconcentrator]\nrole=gcc,jdbc:postgresql://gim:Nw3,Jc8Xs5Gt@db/gim\ncseq-adjustment=2\n[custom-states]\nAgentRecordUserTypes=207,jdbc:oracle:thin:gim/Tb7,Mq4Zx9Lw@db\n"
                .to_owned(),
        )],
        true,
    );
    assert!(
        short.contains("a (hidden) part of the value is not an ICON role type"),
        "{short}"
    );
}
