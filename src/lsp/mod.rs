//! `gimlint lsp`: a language server on stdio, for editors. The same rules and gimlint.toml
//! as the command line: diagnostics when a document opens, changes or is saved; quick fixes
//! from the fixes findings carry; hover on an option name shows `explain section/option`.
//!
//! It never ends on what it is sent: a message that cannot be read ([`framing`]) or is not
//! valid JSON-RPC ([`jsonrpc`]) is answered with the JSON-RPC error and skipped; a request
//! with invalid params gets `InvalidParams`; a notification with invalid params is logged
//! (`window/logMessage`) and ignored. It ends on `exit`, or when its input ends, with the
//! status LSP specifies: 0 after a `shutdown` request, 1 without.

mod document;
mod framing;
mod jsonrpc;
mod project;

use crate::engine::ExitStatus;
use document::Document;
use framing::Frame;
use jsonrpc::{
    error_response, notification, response, Incoming, INTERNAL_ERROR, INVALID_PARAMS,
    INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR, SERVER_NOT_INITIALIZED,
};
use lsp_types::{
    notification::{
        DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
        DidSaveTextDocument, Initialized, LogMessage, Notification as _, PublishDiagnostics,
    },
    request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _},
    CodeActionParams, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, HoverParams, HoverProviderCapability, InitializeParams,
    LogMessageParams, MessageType, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};
use project::Project;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;

/// Serves one editor on stdin and stdout until `exit` or the end of `input`. `today` is
/// `YYYY-MM-DD`.
pub fn serve(today: &str, input: &mut dyn Read) -> ExitStatus {
    install_panic_hook();
    serve_on(BufReader::new(input), std::io::stdout().lock(), today)
}

/// The server on any pair of streams: [`serve`] without the process-wide panic hook. The
/// status is [`ExitStatus::Clean`] after `shutdown` and [`ExitStatus::Findings`] (1) without,
/// the two codes LSP gives `exit`.
pub fn serve_on(input: impl BufRead, mut output: impl Write, today: &str) -> ExitStatus {
    let mut reader = framing::Reader::new(input);
    let mut server = Server {
        today,
        phase: Phase::Initializing,
        documents: HashMap::new(),
        watches_files: false,
        logged: HashSet::new(),
    };
    loop {
        let mut outbox = Vec::new();
        let mut ending = None;
        match reader.next_frame() {
            Frame::End => ending = Some(server.status()),
            Frame::Unreadable(reason) => outbox.push(error_response(
                Value::Null,
                PARSE_ERROR,
                &format!("the message cannot be read: {reason}"),
            )),
            // The body is read whole, so a panic in parsing it (a bug) loses only this message.
            Frame::Body(body) => match contained(|| jsonrpc::parse(body)) {
                Some(messages) => {
                    for incoming in messages {
                        ending = ending.or(server.handle_contained(incoming, &mut outbox));
                    }
                }
                None => outbox.push(error_response(Value::Null, INTERNAL_ERROR, INTERNAL)),
            },
        }
        for message in &outbox {
            // The same bytes as `to_string`, without its `fmt::Write` adapter (a third of
            // the time of writing a large document's diagnostics). Writing a `Value` into
            // a vector cannot fail.
            let body = serde_json::to_vec(message).unwrap_or_default();
            if framing::write(&mut output, &body).is_err() {
                // The client is gone: nothing more can be said to it.
                return server.status();
            }
        }
        if let Some(status) = ending {
            return status;
        }
    }
}

/// What the client is told of a panic; the panic hook prints where it happened.
const INTERNAL: &str = "internal error (where is on the server's standard error)";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Until `initialize`: other requests get `ServerNotInitialized`.
    Initializing,
    Running,
    /// After `shutdown`: only `exit` is accepted.
    ShutDown,
}

struct Server<'a> {
    today: &'a str,
    phase: Phase,
    /// Keyed by the URI's text: `Uri` caches its parts inside, which makes a poor map key.
    documents: HashMap<String, Document>,
    /// The client registers file watchers when asked (`didChangeWatchedFiles` with dynamic
    /// registration): the server asks for the exports and gimlint.toml once `initialized`.
    watches_files: bool,
    /// The log lines already sent, so that each is said once and not on every keystroke.
    logged: HashSet<String>,
}

impl Server<'_> {
    /// What the process returns if the session ends now.
    fn status(&self) -> ExitStatus {
        match self.phase {
            Phase::ShutDown => ExitStatus::Clean,
            Phase::Initializing | Phase::Running => ExitStatus::Findings,
        }
    }

    /// [`Server::handle`], and if it panics (a bug: no input is known to make it), an
    /// `InternalError` answer or a log line instead of the end of the server.
    fn handle_contained(
        &mut self,
        incoming: Incoming,
        outbox: &mut Vec<Value>,
    ) -> Option<ExitStatus> {
        let id = match &incoming {
            Incoming::Request { id, .. } => Some(id.clone()),
            _ => None,
        };
        contained(|| self.handle(incoming, outbox)).unwrap_or_else(|| {
            outbox.push(match id {
                Some(id) => error_response(id, INTERNAL_ERROR, INTERNAL),
                None => log(INTERNAL),
            });
            None
        })
    }

    /// Handles one message; `Some` status when it is `exit`.
    fn handle(&mut self, incoming: Incoming, outbox: &mut Vec<Value>) -> Option<ExitStatus> {
        match incoming {
            Incoming::Response => {}
            Incoming::Invalid(answer) => outbox.push(answer),
            Incoming::Notification { method, .. } if method == "exit" => {
                return Some(self.status())
            }
            // LSP: notifications before `initialize` and after `shutdown` are dropped.
            Incoming::Notification { method, params } if self.phase == Phase::Running => {
                if let Err(reason) = self.notified(&method, params, outbox) {
                    outbox.push(log(&format!("ignored {method}: {reason}")));
                }
            }
            Incoming::Notification { .. } => {}
            Incoming::Request { id, method, params } => {
                outbox.push(match self.requested(&method, params) {
                    Ok(result) => response(id, result),
                    Err((code, message)) => error_response(id, code, &message),
                });
            }
        }
        None
    }

    fn requested(&mut self, method: &str, params: Option<Value>) -> Result<Value, (i64, String)> {
        let invalid_params = |reason| (INVALID_PARAMS, reason);
        match (self.phase, method) {
            (Phase::Initializing, "initialize") => {
                let Some(Value::Object(_)) = &params else {
                    return Err(invalid_params("initialize needs its params object".into()));
                };
                // Only the client's file watching changes what the server does; params that
                // lsp-types does not read leave it off.
                self.watches_files = params_of::<InitializeParams>(params).is_ok_and(|p| {
                    p.capabilities
                        .workspace
                        .and_then(|w| w.did_change_watched_files)
                        .and_then(|w| w.dynamic_registration)
                        == Some(true)
                });
                self.phase = Phase::Running;
                Ok(json!({ "capabilities": to_json(capabilities()) }))
            }
            (Phase::Initializing, _) => Err((
                SERVER_NOT_INITIALIZED,
                "the server is not initialized: `initialize` comes first".into(),
            )),
            (Phase::ShutDown, _) => Err((
                INVALID_REQUEST,
                "the server is shut down: only `exit` is accepted".into(),
            )),
            (Phase::Running, "initialize") => {
                Err((INVALID_REQUEST, "`initialize` was already received".into()))
            }
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, CodeActionRequest::METHOD) => {
                let params: CodeActionParams = params_of(params).map_err(invalid_params)?;
                let uri = &params.text_document.uri;
                let actions = self
                    .documents
                    .get(uri.as_str())
                    .map_or_else(Vec::new, |d| d.code_actions(params.range));
                Ok(to_json(actions))
            }
            (Phase::Running, HoverRequest::METHOD) => {
                let params: HoverParams = params_of(params).map_err(invalid_params)?;
                let at = params.text_document_position_params;
                let hover = self
                    .documents
                    .get(at.text_document.uri.as_str())
                    .and_then(|d| d.hover(at.position));
                Ok(to_json(hover))
            }
            (Phase::Running, _) => Err((METHOD_NOT_FOUND, format!("{method} is not supported"))),
        }
    }

    /// Handles a notification while running; `Err` says why it was ignored.
    fn notified(
        &mut self,
        method: &str,
        params: Option<Value>,
        outbox: &mut Vec<Value>,
    ) -> Result<(), String> {
        match method {
            Initialized::METHOD if self.watches_files => outbox.push(watch_request()),
            DidOpenTextDocument::METHOD => {
                let params: DidOpenTextDocumentParams = params_of(params)?;
                let uri = params.text_document.uri;
                let document = Document::new(uri.clone(), params.text_document.text);
                let path = document.path.clone();
                self.documents.insert(uri.as_str().to_owned(), document);
                self.relint(&path, Some(uri.as_str()), outbox);
            }
            DidChangeTextDocument::METHOD => {
                let params: DidChangeTextDocumentParams = params_of(params)?;
                let uri = params.text_document.uri;
                let document = self
                    .documents
                    .entry(uri.as_str().to_owned())
                    .or_insert_with(|| Document::new(uri.clone(), String::new()));
                for change in params.content_changes {
                    document.change(change);
                }
                let path = document.path.clone();
                self.relint(&path, Some(uri.as_str()), outbox);
            }
            DidSaveTextDocument::METHOD => {
                let params: DidSaveTextDocumentParams = params_of(params)?;
                let uri = params.text_document.uri;
                if let Some(document) = self.documents.get(uri.as_str()) {
                    let path = document.path.clone();
                    self.relint(&path, Some(uri.as_str()), outbox);
                }
            }
            DidCloseTextDocument::METHOD => {
                let params: DidCloseTextDocumentParams = params_of(params)?;
                let uri = params.text_document.uri;
                let closed = self.documents.remove(uri.as_str());
                let cleared = PublishDiagnosticsParams::new(uri, Vec::new(), None);
                outbox.push(notification(PublishDiagnostics::METHOD, to_json(cleared)));
                // The file on disk takes the buffer's place for the others of its project.
                if let Some(closed) = closed {
                    self.relint(&closed.path, None, outbox);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let params: DidChangeWatchedFilesParams = params_of(params)?;
                let mut done = HashSet::new();
                for change in params.changes {
                    let path = document::path_of(&change.uri);
                    let folder = std::path::Path::new(&path).parent().map(PathBuf::from);
                    // One run per folder: a checkout or a copy changes many files at once.
                    if done.insert(folder) {
                        self.relint(&path, None, outbox);
                    }
                }
            }
            // `$/cancelRequest` (answers are never late: each request is answered before
            // the next message is read), and what the server does not know.
            _ => {}
        }
        Ok(())
    }

    /// Lints the project of the file at `path` with the open documents in place of their
    /// files, and publishes the diagnostics of each open document of it whose diagnostics
    /// changed, and those of the document `opened` (its key) in any case.
    fn relint(&mut self, path: &str, opened: Option<&str>, outbox: &mut Vec<Value>) {
        let project = Project::of(path, self.today);
        // A file changed on disk matters only to the open documents of its project.
        if opened.is_none() && !self.documents.values().any(|d| project.holds(&d.path)) {
            return;
        }
        let buffers = self
            .documents
            .values()
            .map(|d| (d.path.as_str(), d.text.as_str()));
        let (mut findings, redactor) = project.lint(path, buffers);
        // Why the document is linted alone may quote gimlint.toml, and so a secret of the
        // document: said once, masked like every other output.
        if let Some(why) = &project.alone_because {
            let why = redactor.scrub(why);
            if self.logged.insert(why.to_string()) {
                outbox.push(log(&why));
            }
        }
        for (key, document) in &mut self.documents {
            let Some(found) = findings.remove(&document.path) else {
                continue;
            };
            document.findings = found;
            let diagnostics = document.diagnostics();
            if opened == Some(key.as_str()) || document.published.as_ref() != Some(&diagnostics) {
                let params =
                    PublishDiagnosticsParams::new(document.uri.clone(), diagnostics.clone(), None);
                outbox.push(notification(PublishDiagnostics::METHOD, to_json(params)));
                document.published = Some(diagnostics);
            }
        }
    }
}

/// The request that asks the client to watch the files a project's run reads: the exports
/// the walk takes (`cfg`, `conf`, `ini`, `xml`) and gimlint.toml.
fn watch_request() -> Value {
    let watchers = [
        "**/*.{cfg,conf,ini,xml,CFG,CONF,INI,XML}",
        "**/gimlint.toml",
    ]
    .into_iter()
    .map(|glob| FileSystemWatcher {
        glob_pattern: GlobPattern::String(glob.to_owned()),
        kind: None,
    })
    .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "gimlint-watched-files".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: Some(to_json(options)),
        }],
    };
    json!({
        "jsonrpc": "2.0",
        "id": "gimlint-watch",
        "method": RegisterCapability::METHOD,
        "params": to_json(params),
    })
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

fn params_of<P: DeserializeOwned>(params: Option<Value>) -> Result<P, String> {
    let params = params.ok_or("params are missing")?;
    serde_json::from_value(params)
        .map_err(|error| format!("invalid params: {}", jsonrpc::describe(&error)))
}

/// lsp-types values as JSON. Serializing them cannot fail (their maps have string keys).
fn to_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A warning for the editor's log of the server.
fn log(message: &str) -> Value {
    let params = LogMessageParams {
        typ: MessageType::WARNING,
        message: message.to_owned(),
    };
    notification(LogMessage::METHOD, to_json(params))
}

/// Runs `work`; `None` if it panicked.
fn contained<T>(work: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok()
}

/// A panic prints where it happened and never its message, which may quote the document:
/// slicing a string off a character boundary prints the string, passwords included, and
/// editors keep the server's standard error in their logs.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map_or_else(String::new, |at| {
            format!(" at {}:{}:{}", at.file(), at.line(), at.column())
        });
        // Not `eprintln!`, which panics (in a panic: aborts) when stderr is closed.
        let _ = writeln!(
            std::io::stderr(),
            "gimlint lsp: internal error{place}; its message is not shown, as it may quote the document"
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run by `a_panic_prints_where_not_what` in a process of its own: the hook is global.
    #[test]
    fn panic_in_a_child_process() {
        if std::env::var_os("GIMLINT_LSP_PANIC_CHILD").is_none() {
            return;
        }
        install_panic_hook();
        assert_eq!(
            contained(|| panic!("slice of `password=hunter2`")),
            None::<()>
        );
        // The marker the parent test reads: this process went on after the panic.
        #[allow(clippy::print_stderr)]
        {
            eprintln!("the server goes on");
        }
    }

    #[test]
    fn a_panic_prints_where_not_what() {
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "lsp::tests::panic_in_a_child_process",
                "--nocapture",
            ])
            .env("GIMLINT_LSP_PANIC_CHILD", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&child.stderr);
        assert!(child.status.success(), "{stderr}");
        assert!(
            stderr.contains("gimlint lsp: internal error at src/lsp/mod.rs:")
                && stderr.contains("the server goes on"),
            "{stderr}"
        );
        assert!(!stderr.contains("hunter2"), "{stderr}");
    }
}
