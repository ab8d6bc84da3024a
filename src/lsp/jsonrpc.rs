//! JSON-RPC 2.0 as LSP uses it: a message body → a request, a notification, a response, or
//! the error that answers it; and the messages the server sends.
//!
//! Nothing here quotes a message back: error texts say what is wrong in gimlint's words, as a
//! malformed message may carry the document (and its passwords) where a name was expected.

use serde_json::{json, Map, Value};

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;
pub const INVALID_PARAMS: i64 = -32602;
pub const INTERNAL_ERROR: i64 = -32603;
/// LSP's: a request other than `initialize` came first.
pub const SERVER_NOT_INITIALIZED: i64 = -32002;

/// One message from the client.
#[derive(Debug, PartialEq)]
pub enum Incoming {
    /// `id` is a string or an integer, as the client wrote it (the response echoes it).
    Request {
        id: Value,
        method: String,
        params: Option<Value>,
    },
    Notification {
        method: String,
        params: Option<Value>,
    },
    /// A response from the client. The server sends no requests, so none is awaited.
    Response,
    /// Not a valid message: answered with this error response, otherwise ignored.
    Invalid(Value),
}

/// The messages of one body: one, or an error for each request of a batch (LSP has none).
pub fn parse(mut body: Vec<u8>) -> Vec<Incoming> {
    replace_lone_surrogates(&mut body);
    let message = match serde_json::from_slice(&body) {
        Ok(message) => message,
        Err(error) => {
            return vec![Incoming::Invalid(error_response(
                Value::Null,
                PARSE_ERROR,
                &format!("the message is not JSON: {}", describe(&error)),
            ))]
        }
    };
    match message {
        Value::Object(message) => vec![classify(message)],
        Value::Array(batch) => {
            // JSON-RPC would answer a batch with an array, which no LSP client reads: each
            // request is answered on its own instead, so that no client waits for it.
            let batch_error = |id| {
                Incoming::Invalid(error_response(
                    id,
                    INVALID_REQUEST,
                    "LSP has no batches: send each message on its own",
                ))
            };
            let mut answers: Vec<Incoming> = batch
                .into_iter()
                .filter_map(|message| match message {
                    Value::Object(message) if message.contains_key("method") => {
                        request_id(&message).ok().flatten()
                    }
                    _ => None,
                })
                .map(batch_error)
                .collect();
            if answers.is_empty() {
                answers.push(batch_error(Value::Null));
            }
            answers
        }
        _ => vec![invalid(Value::Null, "a message must be a JSON object")],
    }
}

fn classify(mut message: Map<String, Value>) -> Incoming {
    let has_method = message.contains_key("method");
    if !has_method && (message.contains_key("result") || message.contains_key("error")) {
        return Incoming::Response;
    }
    let id = match request_id(&message) {
        Ok(id) => id,
        Err(reason) => return invalid(Value::Null, reason),
    };
    let answer = |reason| invalid(id.clone().unwrap_or(Value::Null), reason);
    if message.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return answer("`jsonrpc` must be \"2.0\"");
    }
    let method = match message.remove("method") {
        Some(Value::String(method)) => method,
        Some(_) => return answer("the method must be a string"),
        None => return answer("a message needs a method, or a result or error to respond"),
    };
    // JSON-RPC says params are an object or an array, or absent; clients also send `null`
    // for none (`shutdown`, `exit`).
    let params = match message.remove("params") {
        None | Some(Value::Null) => None,
        Some(params @ (Value::Object(_) | Value::Array(_))) => Some(params),
        Some(_) => return answer("params must be an object or an array"),
    };
    match id {
        Some(id) => Incoming::Request { id, method, params },
        None => Incoming::Notification { method, params },
    }
}

/// The id of a request: `None` for a notification. LSP ids are integers or strings.
fn request_id(message: &Map<String, Value>) -> Result<Option<Value>, &'static str> {
    match message.get("id") {
        None => Ok(None),
        Some(id @ Value::String(_)) => Ok(Some(id.clone())),
        Some(id @ Value::Number(number)) if number.is_i64() || number.is_u64() => {
            Ok(Some(id.clone()))
        }
        Some(_) => Err("the id must be an integer or a string"),
    }
}

fn invalid(id: Value, reason: &str) -> Incoming {
    Incoming::Invalid(error_response(id, INVALID_REQUEST, reason))
}

pub fn response(id: Value, result: Value) -> Value {
    message([("id", id), ("result", result)])
}

pub fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

pub fn notification(method: &str, params: Value) -> Value {
    message([("method", Value::from(method)), ("params", params)])
}

/// A message of these members and `jsonrpc`. The values are moved in: `json!` serializes a
/// `Value` it is given into a copy, and a copy of the diagnostics of a large document cost
/// a tenth of its re-lint.
fn message<const N: usize>(members: [(&str, Value); N]) -> Value {
    let mut message = Map::new();
    message.insert("jsonrpc".to_owned(), Value::from("2.0"));
    for (name, value) in members {
        message.insert(name.to_owned(), value);
    }
    Value::Object(message)
}

/// A serde error in words that quote nothing the client sent: serde puts the offending
/// value in its message (`invalid type: string "…", expected a sequence`), and a client that
/// sends the document where something else was expected would see it in a log. What serde
/// quotes is a Rust string literal (`"…"`) or `` `…` ``; both become `…`, but for the field
/// names of "missing field" and "duplicate field", which are gimlint's.
pub fn describe(error: &serde_json::Error) -> String {
    let text = error.to_string();
    if text.starts_with("missing field ") || text.starts_with("duplicate field ") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push_str("\"…\"");
                // A Rust string literal: `\"` and `\\` do not end it.
                while let Some(inner) = chars.next() {
                    match inner {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '`' => {
                out.push_str("`…`");
                chars.by_ref().find(|&inner| inner == '`');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Replaces each `\uXXXX` escape of a lone UTF-16 surrogate with `\uFFFD`, in place.
///
/// JSON's grammar allows them (RFC 8259, section 8.2), and an editor whose strings are
/// UTF-16 sends one when a document holds it; serde_json rejects the whole message. U+FFFD
/// is one UTF-16 unit like the surrogate it replaces, so positions in the document stay
/// what the client counts. A backslash outside a string is invalid JSON anyway, so the scan
/// does not need to know where strings are.
fn replace_lone_surrogates(body: &mut [u8]) {
    let unit_at = |body: &[u8], at: usize| -> Option<u16> {
        let escape = body.get(at..at + 6)?;
        if escape[..2] != *b"\\u" {
            return None;
        }
        let hex = std::str::from_utf8(&escape[2..]).ok()?;
        u16::from_str_radix(hex, 16).ok()
    };
    let is_high = |unit: u16| (0xD800..0xDC00).contains(&unit);
    let is_low = |unit: u16| (0xDC00..0xE000).contains(&unit);
    let mut at = 0;
    // `at` passes the end when the body ends with a backslash.
    while let Some(backslash) = body.get(at..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        at += backslash;
        match unit_at(body, at) {
            Some(high) if is_high(high) && unit_at(body, at + 6).is_some_and(is_low) => at += 12,
            Some(unit) if is_high(unit) || is_low(unit) => {
                body[at + 2..at + 6].copy_from_slice(b"FFFD");
                at += 6;
            }
            Some(_) => at += 6,
            // Another escape (`\\` included): its next character is not a backslash to scan.
            None => at += 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(body: &str) -> Incoming {
        let mut parsed = parse(body.as_bytes().to_vec());
        assert_eq!(parsed.len(), 1, "{body}");
        parsed.remove(0)
    }

    fn error_of(incoming: &Incoming) -> (Value, i64) {
        match incoming {
            Incoming::Invalid(response) => (
                response["id"].clone(),
                response["error"]["code"].as_i64().unwrap(),
            ),
            other => panic!("not an error: {other:?}"),
        }
    }

    #[test]
    fn requests_notifications_and_responses() {
        assert_eq!(
            one(r#"{"jsonrpc":"2.0","id":"a","method":"shutdown","params":null}"#),
            Incoming::Request {
                id: json!("a"),
                method: "shutdown".into(),
                params: None
            }
        );
        assert_eq!(
            one(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            Incoming::Notification {
                method: "exit".into(),
                params: None
            }
        );
        assert_eq!(
            one(r#"{"jsonrpc":"2.0","id":null,"error":{"code":1,"message":"x"}}"#),
            Incoming::Response
        );
    }

    #[test]
    fn invalid_messages_are_answered_with_the_id_when_there_is_one() {
        let cases = [
            ("", json!(null), PARSE_ERROR),
            ("{", json!(null), PARSE_ERROR),
            (r#""\ud800\udc00""#, json!(null), INVALID_REQUEST),
            ("5", json!(null), INVALID_REQUEST),
            ("null", json!(null), INVALID_REQUEST),
            (
                r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
                json!(null),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#,
                json!(null),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
                json!(null),
                INVALID_REQUEST,
            ),
            (r#"{"id":3,"method":"x"}"#, json!(3), INVALID_REQUEST),
            (
                r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#,
                json!(3),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":3,"method":7}"#,
                json!(3),
                INVALID_REQUEST,
            ),
            (r#"{"jsonrpc":"2.0","id":3}"#, json!(3), INVALID_REQUEST),
            (
                r#"{"jsonrpc":"2.0","id":"s","method":"x","params":"p"}"#,
                json!("s"),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","method":"x","params":5}"#,
                json!(null),
                INVALID_REQUEST,
            ),
            ("[]", json!(null), INVALID_REQUEST),
            (
                r#"[{"jsonrpc":"2.0","method":"exit"}]"#,
                json!(null),
                INVALID_REQUEST,
            ),
        ];
        for (body, id, code) in cases {
            assert_eq!(error_of(&one(body)), (id, code), "{body}");
        }
        let not_utf8 = parse(b"{\"jsonrpc\":\"2.0\",\"method\":\"\xFF\"}".to_vec());
        assert_eq!(error_of(&not_utf8[0]), (json!(null), PARSE_ERROR));
    }

    #[test]
    fn a_batch_is_answered_request_by_request() {
        let batch = parse(
            br#"[{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","method":"b"},{"id":"x","method":"c"},7]"#
                .to_vec(),
        );
        let answers: Vec<_> = batch.iter().map(error_of).collect();
        assert_eq!(
            answers,
            [(json!(1), INVALID_REQUEST), (json!("x"), INVALID_REQUEST)]
        );
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let body = r#"{"jsonrpc":"2.0","method":"m","params":{"t":"a\ud800b\udc00c\ud83d\ude00\\ud800\ud800"}}"#;
        let Incoming::Notification { params, .. } = one(body) else {
            panic!("a notification")
        };
        assert_eq!(params.unwrap()["t"], "a\u{FFFD}b\u{FFFD}c😀\\ud800\u{FFFD}");
    }

    #[test]
    fn a_body_that_ends_in_an_escape_is_not_json() {
        for body in [&b"\"\\"[..], b"\"\\u", b"\"\\ud800", b"\"\\ud800\\u"] {
            assert_eq!(
                error_of(&parse(body.to_vec())[0]),
                (json!(null), PARSE_ERROR)
            );
        }
    }

    #[test]
    fn described_errors_quote_nothing_sent() {
        let error = |json: Value| serde_json::from_value::<Vec<u8>>(json).unwrap_err();
        assert_eq!(
            describe(&error(json!("password=\"hunter2\"\\"))),
            "invalid type: string \"…\", expected a sequence"
        );
        assert_eq!(
            describe(&error(json!([1, 2, 300]))),
            "invalid value: integer `…`, expected u8"
        );
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)] // only its deserialization is tested
        struct Named {
            text: String,
        }
        let missing = serde_json::from_value::<Named>(json!({})).unwrap_err();
        assert_eq!(describe(&missing), "missing field `text`");
    }
}
