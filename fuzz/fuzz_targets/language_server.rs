//! Bytes → `gimlint lsp`'s message handling, as the server reads a client's stream: the
//! framing, JSON-RPC, the lifecycle, and the documents it lints, fixes and hovers.
//!
//! The first byte chooses the form of the rest:
//! - even: message bodies separated by NUL bytes, each sent with its true `Content-Length`,
//!   so that mutations reach the JSON and the handlers rather than break the framing;
//! - odd: the bytes as they are, headers included.
//!
//! Checked: no panic (in these builds, debug assertions included: every span the server
//! turns into a position is on a character boundary of the editor's text); the output is a
//! sequence of messages each framed with its true length, each a JSON-RPC 2.0 object that
//! is a response (an id that is null, a string or an integer, and one of `result` or
//! `error`, the error with a JSON-RPC or LSP code) or a notification (a method, no id); and
//! every range the server sends starts before it ends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// A fixed day, so a run does not depend on the clock (CAL001's year, SUP002's expiry).
const TODAY: &str = "2026-11-18";

/// The error codes the server may send.
const CODES: [i64; 6] = [-32700, -32600, -32601, -32602, -32603, -32002];

fuzz_target!(|bytes: &[u8]| {
    let Some((&form, rest)) = bytes.split_first() else {
        return;
    };
    let input = if form & 1 == 0 {
        framed(rest)
    } else {
        rest.to_vec()
    };
    let mut output = Vec::new();
    gimlint::lsp::serve_on(input.as_slice(), &mut output, TODAY);
    for message in messages(&output) {
        check(&message);
    }
});

fn framed(bodies: &[u8]) -> Vec<u8> {
    let mut stream = Vec::new();
    for body in bodies.split(|&b| b == 0) {
        stream.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        stream.extend_from_slice(body);
    }
    stream
}

/// The server's output, message by message; panics if a frame is not exact.
fn messages(mut output: &[u8]) -> Vec<Value> {
    let mut messages = Vec::new();
    while !output.is_empty() {
        let header_end = output
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header ends with a blank line");
        let header = std::str::from_utf8(&output[..header_end]).expect("an ASCII header");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a Content-Length header: {header:?}"));
        let body = &output[header_end + 4..];
        assert!(
            body.len() >= length,
            "a body shorter than its Content-Length"
        );
        messages.push(serde_json::from_slice(&body[..length]).expect("a JSON body"));
        output = &body[length..];
    }
    messages
}

fn check(message: &Value) {
    let object = message.as_object().expect("a JSON object");
    assert_eq!(
        object.get("jsonrpc"),
        Some(&Value::from("2.0")),
        "{message}"
    );
    match object.get("id") {
        Some(id) => {
            assert!(
                id.is_null() || id.is_string() || id.is_i64() || id.is_u64(),
                "{message}"
            );
            assert!(object.get("method").is_none(), "{message}");
            match (object.get("result"), object.get("error")) {
                (Some(_), None) => {}
                (None, Some(error)) => {
                    let code = error["code"].as_i64().expect("an error code");
                    assert!(CODES.contains(&code), "{message}");
                    assert!(error["message"].is_string(), "{message}");
                }
                _ => panic!("a result or an error: {message}"),
            }
        }
        None => assert!(
            object.get("method").is_some_and(Value::is_string),
            "{message}"
        ),
    }
    check_ranges(message);
}

/// Every `range` anywhere in the message starts before it ends.
fn check_ranges(value: &Value) {
    match value {
        Value::Object(object) => {
            if let Some(range) = object.get("range").filter(|r| r.is_object()) {
                let at = |end: &str| {
                    let position = &range[end];
                    (position["line"].as_u64(), position["character"].as_u64())
                };
                let (start, end) = (at("start"), at("end"));
                assert!(
                    start.0.is_some() && start.1.is_some() && start <= end,
                    "range {range}"
                );
            }
            object.values().for_each(check_ranges);
        }
        Value::Array(items) => items.iter().for_each(check_ranges),
        _ => {}
    }
}
