//! `gimlint lsp` driven over stdio with the LSP framing: open a document, receive its
//! diagnostics, ask for the quick fix and a hover, shut down.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};

fn send(stdin: &mut ChildStdin, message: Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn receive(stdout: &mut BufReader<ChildStdout>) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
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
    stdout.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// The next message that answers request `id`, or the next notification of `method`.
fn wait_for(stdout: &mut BufReader<ChildStdout>, id: Option<i64>, method: Option<&str>) -> Value {
    loop {
        let message = receive(stdout);
        if id.is_some() && message["id"].as_i64() == id {
            return message;
        }
        if method.is_some() && message["method"].as_str() == method {
            return message;
        }
    }
}

#[test]
fn diagnostics_quick_fix_and_hover_over_stdio() {
    let mut server = Command::new(env!("CARGO_BIN_EXE_gimlint"))
        .arg("lsp")
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = server.stdin.take().unwrap();
    let mut stdout = BufReader::new(server.stdout.take().unwrap());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let initialized = wait_for(&mut stdout, Some(1), None);
    assert_eq!(initialized["result"]["capabilities"]["hoverProvider"], true);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );

    let uri = "file:///nonexistent/gimlint-lsp-test/gim.cfg";
    let text = "[gim-etl]\ndays-to-keep-gim-facts=400\n\n[schedule]\nrun-scheduler=TRUE\n";
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "ini", "version": 1, "text": text}}}),
    );
    let published = wait_for(&mut stdout, None, Some("textDocument/publishDiagnostics"));
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

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": uri}, "range": gim001["range"], "context": {"diagnostics": [gim001]}}}),
    );
    let actions = wait_for(&mut stdout, Some(2), None);
    let fix = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("GIM001"))
        .expect("a quick fix for GIM001");
    assert_eq!(fix["edit"]["changes"][uri][0]["newText"], "false");

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 4, "character": 3}}}),
    );
    let hover = wait_for(&mut stdout, Some(3), None);
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("[schedule] run-scheduler"),
        "{hover}"
    );

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
    );
    wait_for(&mut stdout, Some(4), None);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin); // as an editor closes the pipe
    assert!(server.wait().unwrap().success());
}
