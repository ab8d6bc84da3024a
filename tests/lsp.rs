//! `gimlint lsp` driven over stdio with the LSP framing: open a document, receive its
//! diagnostics, ask for the quick fix and a hover, shut down; and everything a client should
//! not send, which the server answers and survives.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

const URI: &str = "file:///nonexistent/gimlint-lsp-test/gim.cfg";
const TEXT: &str = "[gim-etl]\ndays-to-keep-gim-facts=400\n\n[schedule]\nrun-scheduler=TRUE\n";

/// A running `gimlint lsp`.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// Log lines (`window/logMessage`) and diagnostics received while waiting for others.
    logs: Vec<String>,
}

impl Server {
    fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gimlint"))
            .arg("lsp")
            .env("SOURCE_DATE_EPOCH", "1795000000")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        Server {
            stdin: child.stdin.take(),
            stdout: BufReader::new(child.stdout.take().unwrap()),
            child,
            logs: Vec::new(),
        }
    }

    /// Started, initialized, with [`TEXT`] open at [`URI`].
    fn with_document() -> Self {
        let mut server = Server::start();
        let initialized = server.request(1, "initialize", json!({"capabilities": {}}));
        assert_eq!(initialized["result"]["capabilities"]["hoverProvider"], true);
        server.notify("initialized", json!({}));
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "ini", "version": 1, "text": TEXT}}),
        );
        server.wait_for_notification("textDocument/publishDiagnostics");
        server
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send_body(&mut self, body: &[u8]) {
        let mut message = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        message.extend_from_slice(body);
        self.send_raw(&message);
    }

    fn send(&mut self, message: Value) {
        self.send_body(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "the server closed its output"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        let message: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        message
    }

    /// The next response; what comes before it must be notifications (kept in `logs`).
    fn response(&mut self) -> Value {
        loop {
            let message = self.receive();
            if message.get("id").is_some() {
                return message;
            }
            self.logs.push(message.to_string());
        }
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let answer = self.response();
        assert_eq!(answer["id"], id, "{answer}");
        answer
    }

    fn wait_for_notification(&mut self, method: &str) -> Value {
        loop {
            let message = self.receive();
            assert!(message.get("id").is_none(), "unexpected {message}");
            if message["method"] == method {
                return message;
            }
        }
    }

    /// The server still answers: a hover on [`TEXT`]'s `run-scheduler`.
    fn assert_answers(&mut self, id: i64, after: &str) {
        let hover = self.request(
            id,
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": 3}}),
        );
        assert!(
            hover["result"]["contents"]["value"]
                .as_str()
                .is_some_and(|page| page.contains("[schedule] run-scheduler")),
            "after {after}: {hover}"
        );
    }

    /// The server still answers a request, with no document open.
    fn assert_answers_without_document(&mut self, id: i64) {
        let answer = self.request(id, "gimlint/no-such-method", json!({}));
        assert_eq!(error_of(&answer), (json!(id), -32601), "{answer}");
    }

    /// Closes the server's input (as an editor that quits) and waits for it: its exit
    /// code and standard error.
    fn end(mut self) -> (i32, String) {
        drop(self.stdin.take());
        let output = self.child.wait_with_output().unwrap();
        (
            output.status.code().expect("the server exits, not killed"),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    fn shut_down(mut self) -> (i32, String) {
        let answer = self.request(99, "shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.notify("exit", Value::Null);
        self.end()
    }
}

fn error_of(answer: &Value) -> (Value, i64) {
    (
        answer["id"].clone(),
        answer["error"]["code"].as_i64().unwrap_or(0),
    )
}

#[test]
fn diagnostics_quick_fix_and_hover_over_stdio() {
    let mut server = Server::start();
    server.request(1, "initialize", json!({"capabilities": {}}));
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "ini", "version": 1, "text": TEXT}}),
    );
    let published = server.wait_for_notification("textDocument/publishDiagnostics");
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    let gim001 = diagnostics
        .iter()
        .find(|d| d["code"] == "GIM001")
        .expect("GIM001 is published");
    assert_eq!(
        gim001["range"]["start"],
        json!({"line": 4, "character": 14})
    );
    assert_eq!(gim001["severity"], 1);

    let actions = server.request(
        2,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": gim001["range"], "context": {"diagnostics": [gim001]}}),
    );
    let fix = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("GIM001"))
        .expect("a quick fix for GIM001");
    assert_eq!(fix["edit"]["changes"][URI][0]["newText"], "false");

    server.assert_answers(3, "the quick fix");
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// Applies LSP text edits to `text`: positions in UTF-16 units, last edit first.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let (line, character) = (
            position["line"].as_u64().unwrap(),
            position["character"].as_u64().unwrap(),
        );
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        let mut units = 0;
        for (index, c) in text[start..].char_indices() {
            if units >= character {
                return start + index;
            }
            units += c.len_utf16() as u64;
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort();
    let mut fixed = text.to_owned();
    for (start, end, new_text) in edits.into_iter().rev() {
        fixed.replace_range(start..end, new_text);
    }
    fixed
}

/// Before: a byte-order mark at the start of a document panicked the server, printing the
/// start of the document, password included, to stderr; where it did not panic, every
/// position was 3 bytes off and the OPT006 fix deleted a character of the value.
#[test]
fn a_document_with_a_byte_order_mark_is_positioned_and_fixed_right() {
    let text = "\u{FEFF}[gim-etl ]\r\npassword=hunter2-secret\r\ndays-to-keep-gim-facts=400 \r\nk=𝄞é \r\n[schedule]\r\nrun-scheduler=TRUE\r\n";
    let uri = "file:///nonexistent/gimlint-lsp-test/bom.cfg";
    let mut server = Server::start();
    server.request(1, "initialize", json!({"capabilities": {}}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ini", "version": 1, "text": text}}),
    );
    let published = server.wait_for_notification("textDocument/publishDiagnostics");
    let ranges: Vec<(String, [u64; 4])> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let at = |end: &str, part: &str| d["range"][end][part].as_u64().unwrap();
            let code = d["code"].as_str().unwrap().to_owned();
            (
                code,
                [
                    at("start", "line"),
                    at("start", "character"),
                    at("end", "line"),
                    at("end", "character"),
                ],
            )
        })
        .collect();
    let expected = [
        // The mark is the first character of line 0: the text (where GIM006, about a
        // section the file lacks, points) starts at 1.
        ("GIM006", [0, 1, 0, 1]),
        ("OPT006", [0, 9, 0, 10]),
        ("SEC001", [1, 9, 1, 23]),
        ("OPT006", [2, 26, 2, 27]),
        // `𝄞` is two UTF-16 units, `é` one.
        ("OPT006", [3, 5, 3, 6]),
        ("GIM001", [5, 14, 5, 18]),
    ];
    let expected: Vec<(String, [u64; 4])> = expected
        .iter()
        .map(|(code, range)| (code.to_string(), *range))
        .collect();
    assert_eq!(ranges, expected);

    let actions = server.request(
        2,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "context": {"diagnostics": []},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 9}}}),
    );
    let opt006: Vec<Value> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["title"].as_str().unwrap().starts_with("OPT006"))
        .flat_map(|a| a["edit"]["changes"][uri].as_array().unwrap().clone())
        .collect();
    assert_eq!(opt006.len(), 3, "{actions}");
    assert_eq!(
        apply(text, &opt006),
        text.replace("etl ]", "etl]")
            .replace("400 ", "400")
            .replace("é ", "é")
    );

    // The name ends at character 13; 3 bytes off, the hover missed it.
    let hover = server.request(
        3,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 12}}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|page| page.contains("[schedule] run-scheduler")),
        "{hover}"
    );
    let (status, stderr) = server.shut_down();
    assert_eq!(status, 0);
    assert!(
        stderr.is_empty(),
        "nothing on stderr, let alone the document: {stderr}"
    );
}

/// Before: `99999999999999` aborted the server (it allocated that much), the largest u64
/// panicked it, and any bad header ended it. Each is now answered with a ParseError, and the
/// server finds the next message.
#[test]
fn oversized_and_broken_headers_are_answered_and_the_next_request_too() {
    let long_line = format!("X-Filler: {}\r\n\r\n", "x".repeat(5000));
    let cases = [
        ("Content-Length: 99999999999999\r\n\r\n", "over the limit"),
        (
            "Content-Length: 18446744073709551615\r\n\r\n",
            "over the limit",
        ),
        (
            "Content-Length: 99999999999999999999999\r\n\r\n",
            "over the limit",
        ),
        ("Content-Length: -1\r\n\r\n", "not a number"),
        ("Content-Length: password=hunter2\r\n\r\n", "not a number"),
        (
            "Content-Type: application/vscode-jsonrpc\r\n\r\n{}",
            "without Content-Length",
        ),
        ("password=hunter2\r\n\r\n", "without `:`"),
        (&long_line, "longer than 1024 bytes"),
    ];
    let mut server = Server::with_document();
    for (id, (header, reason)) in (10..).zip(cases) {
        server.send_raw(header.as_bytes());
        let answer = server.response();
        assert_eq!(
            error_of(&answer),
            (Value::Null, -32700),
            "{header}: {answer}"
        );
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(reason) && !message.contains("hunter2"),
            "{message}"
        );
        server.assert_answers(id, header);
    }
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// Before: each of these ended the server without an answer.
#[test]
fn malformed_requests_get_their_json_rpc_error_and_the_server_goes_on() {
    let hover = |params: Value| {
        json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": params})
            .to_string()
    };
    let at = json!({"line": 0, "character": 0});
    let cases: Vec<(Vec<u8>, Value, i64)> = vec![
        (b"not json".to_vec(), Value::Null, -32700),
        (b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"\xFF\"}".to_vec(), Value::Null, -32700),
        (b"{\"jsonrpc\":\"2.0\",\"id\":7,".to_vec(), Value::Null, -32700),
        // Found by fuzzing: the lone-surrogate scan stepped past a final backslash and panicked.
        (b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"\\".to_vec(), Value::Null, -32700),
        (br#"[{"jsonrpc":"2.0","id":7,"method":"shutdown"}]"#.to_vec(), json!(7), -32600),
        (b"[]".to_vec(), Value::Null, -32600),
        (b"42".to_vec(), Value::Null, -32600),
        (br#"{"id":7,"method":"shutdown"}"#.to_vec(), json!(7), -32600),
        (br#"{"jsonrpc":"2.0","id":7.5,"method":"shutdown"}"#.to_vec(), Value::Null, -32600),
        (br#"{"jsonrpc":"2.0","id":7,"method":["shutdown"]}"#.to_vec(), json!(7), -32600),
        (br#"{"jsonrpc":"2.0","id":7,"method":"shutdown","params":"x"}"#.to_vec(), json!(7), -32600),
        (br#"{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{}}}"#.to_vec(), json!(7), -32600),
        (br#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover"}"#.to_vec(), json!(7), -32602),
        (hover(Value::Null).into_bytes(), json!(7), -32602),
        (hover(json!({"textDocument": {"uri": 5}, "position": at})).into_bytes(), json!(7), -32602),
        (hover(json!({"textDocument": {"uri": "not a uri"}, "position": at})).into_bytes(), json!(7), -32602),
        (hover(json!({"textDocument": {"uri": "file:///%zz"}, "position": at})).into_bytes(), json!(7), -32602),
        (hover(json!({"textDocument": {"uri": URI}, "position": {"line": -1, "character": 0}})).into_bytes(), json!(7), -32602),
        (br#"{"jsonrpc":"2.0","id":"s","method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///a.cfg"}}}"#.to_vec(), json!("s"), -32602),
        (br#"{"jsonrpc":"2.0","id":7,"method":"textDocument/definition","params":{}}"#.to_vec(), json!(7), -32601),
        (br#"{"jsonrpc":"2.0","id":7,"method":"$/unknown"}"#.to_vec(), json!(7), -32601),
    ];
    let mut server = Server::with_document();
    for (id, (body, answer_id, code)) in (10..).zip(cases) {
        let shown = String::from_utf8_lossy(&body).into_owned();
        server.send_body(&body);
        let answer = server.response();
        assert_eq!(error_of(&answer), (answer_id, code), "{shown}: {answer}");
        server.assert_answers(id, &shown);
    }
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// Before: each of these ended the server. Now each is logged (without the document it
/// carries) and ignored: the document stays as it was.
#[test]
fn invalid_notifications_are_logged_and_ignored() {
    let open = |document: Value| json!({"textDocument": document});
    let secret_text = "[gim-etl]\npassword=hunter2\n";
    let cases = [
        ("textDocument/didOpen", Value::Null),
        ("textDocument/didOpen", json!({})),
        (
            "textDocument/didOpen",
            open(json!({"uri": 5, "languageId": "ini", "version": 1, "text": secret_text})),
        ),
        (
            "textDocument/didOpen",
            open(json!({"uri": "::", "languageId": "ini", "version": 1, "text": secret_text})),
        ),
        (
            "textDocument/didOpen",
            open(
                json!({"uri": URI, "languageId": "ini", "version": secret_text, "text": secret_text}),
            ),
        ),
        (
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": secret_text}),
        ),
        (
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": 5}]}),
        ),
        ("textDocument/didSave", json!({"textDocument": URI})),
        ("textDocument/didClose", json!([URI])),
    ];
    let mut server = Server::with_document();
    for (id, (method, params)) in (10..).zip(cases) {
        server.notify(method, params.clone());
        let log = server.wait_for_notification("window/logMessage");
        let message = log["params"]["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("ignored {method}: ")) && !message.contains("hunter2"),
            "{message}"
        );
        server.assert_answers(id, &format!("{method} {params}"));
    }
    // Unknown notifications are ignored without a word.
    server.notify("$/setTrace", json!({"value": "verbose"}));
    server.notify("workspace/didChangeConfiguration", Value::Null);
    server.assert_answers(90, "unknown notifications");
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// A lone UTF-16 surrogate (which an editor with UTF-16 strings sends for a broken
/// character) made the whole message unreadable. It is read as U+FFFD, one UTF-16 unit as
/// well, so the positions after it are still the client's.
#[test]
fn a_lone_surrogate_is_read_as_one_unit() {
    let mut server = Server::with_document();
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{URI}","languageId":"ini","version":2,"text":"[schedule]\n\ud800x=1 \nrun-scheduler=TRUE\n"}}}}}}"#
    );
    server.send_body(body.as_bytes());
    let published = server.wait_for_notification("textDocument/publishDiagnostics");
    let trailing = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "OPT006")
        .expect("the blank after `1` is found");
    assert_eq!(
        trailing["range"],
        json!({"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 5}})
    );
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// LSP: `exit` after `shutdown` exits with 0, without it with 1 (it returned 0); before
/// `initialize`, requests get ServerNotInitialized; after `shutdown`, InvalidRequest.
#[test]
fn exit_codes_and_the_lifecycle_follow_the_spec() {
    let mut server = Server::start();
    let early = server.request(1, "textDocument/hover", json!({}));
    assert_eq!(error_of(&early), (json!(1), -32002));
    let early = server.request(2, "shutdown", Value::Null);
    assert_eq!(error_of(&early), (json!(2), -32002));
    server.notify("exit", Value::Null);
    assert_eq!(server.end(), (1, String::new()), "exit before initialize");

    let mut server = Server::with_document();
    server.notify("exit", Value::Null);
    assert_eq!(server.end(), (1, String::new()), "exit without shutdown");

    let server = Server::with_document();
    assert_eq!(
        server.end(),
        (1, String::new()),
        "input closed without shutdown"
    );

    let mut server = Server::with_document();
    server.request(2, "shutdown", Value::Null);
    let late = server.request(3, "textDocument/hover", json!({}));
    assert_eq!(error_of(&late), (json!(3), -32600));
    server.notify("exit", Value::Null);
    assert_eq!(server.end(), (0, String::new()), "exit after shutdown");

    let mut server = Server::with_document();
    server.request(2, "shutdown", Value::Null);
    assert_eq!(
        server.end(),
        (0, String::new()),
        "input closed after shutdown"
    );
}

/// Editors hand the server every XML file they open: one that is no attached-data
/// specification (by its namespace or its name) gets no diagnostic, while a specification
/// without its namespace still gets ADS002.
#[test]
fn an_xml_buffer_is_a_specification_only_by_its_namespace_or_name() {
    let mut server = Server::start();
    server.request(1, "initialize", json!({"capabilities": {}}));
    server.notify("initialized", json!({}));
    let mut published = |uri: &str| {
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "xml", "version": 1,
                "text": "<project><modelVersion>4.0.0</modelVersion></project>\n"}}),
        );
        let published = server.wait_for_notification("textDocument/publishDiagnostics");
        assert_eq!(published["params"]["uri"], uri);
        published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(published("file:///work/app/pom.xml"), Vec::<String>::new());
    assert_eq!(
        published("file:///work/icon/ccon_adata_spec_voice.xml"),
        ["ADS002"]
    );
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// The `file:` URI of a local path (the tests' paths need no percent-encoding).
fn uri_of(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// Codes and 1-based lines of LSP diagnostics, sorted.
fn codes_and_lines(diagnostics: &Value) -> Vec<(String, u64)> {
    let mut found: Vec<(String, u64)> = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let line = d["range"]["start"]["line"].as_u64().unwrap() + 1;
            (d["code"].as_str().unwrap().to_owned(), line)
        })
        .collect();
    found.sort();
    found
}

impl Server {
    /// The diagnostics published since the last message up to now, by URI (the last of
    /// each): a request answered after them marks the end, as the server handles messages in
    /// order.
    fn published(&mut self, id: i64) -> std::collections::HashMap<String, Vec<(String, u64)>> {
        self.logs.clear();
        self.request(id, "gimlint/no-such-method", json!({}));
        let mut by_uri = std::collections::HashMap::new();
        for message in &self.logs {
            let message: Value = serde_json::from_str(message).unwrap();
            if message["method"] == "textDocument/publishDiagnostics" {
                by_uri.insert(
                    message["params"]["uri"].as_str().unwrap().to_owned(),
                    codes_and_lines(&message["params"]["diagnostics"]),
                );
            }
        }
        by_uri
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "ini", "version": 1, "text": text}}),
        );
    }

    fn initialized(capabilities: Value) -> Self {
        let mut server = Server::start();
        server.request(1, "initialize", json!({ "capabilities": capabilities }));
        server.notify("initialized", json!({}));
        server
    }
}

/// The issue's acceptance test: each example opened alone in the editor gets the codes, on
/// the lines, that `gimlint check testdata/examples` reports for its file, those that
/// compare it with the other exports and gimlint.toml's topology (GIM014) included.
#[test]
fn the_server_reports_on_each_example_what_the_command_line_reports() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/examples");
    let cli = Command::new(env!("CARGO_BIN_EXE_gimlint"))
        .args(["check", "--format", "json"])
        .arg(&folder)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let mut server = Server::initialized(json!({}));
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "cfg" || e == "xml"))
        .collect();
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    let mut compared_across_files = false;
    for (id, path) in (10..).zip(&files) {
        let mut expected: Vec<(String, u64)> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| std::path::Path::new(d["path"].as_str().unwrap()) == path)
            .map(|d| {
                let line = d["start"]["line"].as_u64().unwrap();
                (d["code"].as_str().unwrap().to_owned(), line)
            })
            .collect();
        expected.sort();
        compared_across_files |= expected.iter().any(|(code, _)| code == "GIM014");
        let uri = uri_of(path);
        server.open(&uri, &std::fs::read_to_string(path).unwrap());
        let published = server.published(id);
        assert_eq!(published.get(&uri), Some(&expected), "{}", path.display());
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    assert!(compared_across_files, "GIM014 is among the compared codes");
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// An HA pair: `run-scheduler` differs between the two (GIM014 in each).
fn pair_project() -> (tempfile::TempDir, String, String, String) {
    let folder = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/examples");
    for name in ["gim_server_a.cfg", "gim_server_b.cfg"] {
        std::fs::copy(examples.join(name), folder.path().join(name)).unwrap();
    }
    std::fs::write(
        folder.path().join("gimlint.toml"),
        "[[application]]\nname = \"A\"\nfile = \"gim_server_a.cfg\"\nha-pair = \"B\"\n\n\
         [[application]]\nname = \"B\"\nfile = \"gim_server_b.cfg\"\n",
    )
    .unwrap();
    let b_text = std::fs::read_to_string(folder.path().join("gim_server_b.cfg")).unwrap();
    assert!(b_text.contains("run-scheduler=FALSE"), "{b_text}");
    let a = uri_of(&folder.path().join("gim_server_a.cfg"));
    let b = uri_of(&folder.path().join("gim_server_b.cfg"));
    (folder, a, b, b_text)
}

fn has_gim014(diagnostics: &[(String, u64)]) -> bool {
    diagnostics.iter().any(|(code, _)| code == "GIM014")
}

/// A change to one export re-lints the open exports that compare with it: the open buffer
/// takes the place of its file, closing it gives the file back, and a change on disk
/// (`workspace/didChangeWatchedFiles`) is seen too.
#[test]
fn dependents_are_linted_again_when_a_file_changes() {
    let (folder, a, b, b_text) = pair_project();
    let a_text = std::fs::read_to_string(folder.path().join("gim_server_a.cfg")).unwrap();
    let mut server = Server::initialized(json!({}));
    server.open(&a, &a_text);
    assert!(
        has_gim014(&server.published(10)[&a]),
        "the pair differs on disk"
    );

    // B open and edited in the editor: A's GIM014 goes (the rule reports on one of the
    // pair, as the command line does).
    server.open(&b, &b_text);
    assert!(server.published(11).contains_key(&b));
    let same = b_text.replace("run-scheduler=FALSE", "run-scheduler=TRUE");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b, "version": 2}, "contentChanges": [{"text": same}]}),
    );
    let published = server.published(12);
    assert!(!has_gim014(&published[&a]), "{published:?}");

    // Closed unsaved: B's file on disk counts again for A.
    server.notify("textDocument/didClose", json!({"textDocument": {"uri": b}}));
    let published = server.published(13);
    assert_eq!(published[&b], []);
    assert!(has_gim014(&published[&a]), "{published:?}");

    // B changed on disk, told by the client's watcher.
    std::fs::write(folder.path().join("gim_server_b.cfg"), &same).unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b, "type": 2}]}),
    );
    let published = server.published(14);
    assert!(!has_gim014(&published[&a]), "{published:?}");

    // Nothing changed for A: it is not published again.
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b, "type": 2}]}),
    );
    assert_eq!(server.published(15).get(&a), None);
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// A client that registers watchers on request is asked to watch the exports and
/// gimlint.toml once initialized; one that does not is not asked (the other tests).
#[test]
fn the_server_asks_a_client_that_can_to_watch_the_project_files() {
    let mut server = Server::initialized(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    // The first message with an id is the server's request, before the answer to this one.
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "gimlint/no-such-method"}));
    let request = server.response();
    assert_eq!(request["method"], "client/registerCapability", "{request}");
    let registration = &request["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs = registration["registerOptions"]["watchers"].to_string();
    assert!(
        globs.contains("gimlint.toml") && globs.contains("cfg"),
        "{globs}"
    );
    assert_eq!(error_of(&server.response()), (json!(2), -32601));
    // The client's answer is read and ignored.
    server.send(json!({"jsonrpc": "2.0", "id": request["id"], "result": null}));
    server.assert_answers_without_document(3);
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// A gimlint.toml that cannot be read: the document is linted alone, and the editor's log
/// says why (once).
#[test]
fn an_unreadable_gimlint_toml_leaves_the_document_linted_alone_with_a_log_line() {
    let (folder, a, _, _) = pair_project();
    std::fs::write(
        folder.path().join("gimlint.toml"),
        "[[application]\nname = ",
    )
    .unwrap();
    let a_text = std::fs::read_to_string(folder.path().join("gim_server_a.cfg")).unwrap();
    let mut server = Server::initialized(json!({}));
    server.open(&a, &a_text);
    let published = server.published(10);
    assert!(
        published[&a].iter().any(|(code, _)| code == "GIM001"),
        "{published:?}"
    );
    assert!(!has_gim014(&published[&a]), "no pair without the topology");
    let logs = server.logs.join("\n");
    assert!(
        logs.contains("window/logMessage") && logs.contains("is linted alone"),
        "{logs}"
    );
    assert_eq!(server.shut_down(), (0, String::new()));
}

/// The log line that says why a document is linted alone quotes gimlint.toml's error, which
/// may quote a secret of the document: it is masked there too.
#[test]
fn the_log_line_of_an_unreadable_gimlint_toml_shows_no_secret_of_the_document() {
    let (folder, a, _, _) = pair_project();
    let secret = "Zq9-unlikely-Secret";
    std::fs::write(
        folder.path().join("gimlint.toml"),
        // The error is on the line that holds the secret, which the message quotes.
        format!("[[application]]\nname = \"{secret}\" trailing\n"),
    )
    .unwrap();
    let a_text = std::fs::read_to_string(folder.path().join("gim_server_a.cfg")).unwrap();
    let a_text = format!("{a_text}\n[db]\npassword={secret}\n");
    let mut server = Server::initialized(json!({}));
    server.open(&a, &a_text);
    server.published(10);
    let logs = server.logs.join("\n");
    assert!(logs.contains("is linted alone"), "{logs}");
    assert!(!logs.contains(secret), "{logs}");
    assert_eq!(server.shut_down(), (0, String::new()));
}
