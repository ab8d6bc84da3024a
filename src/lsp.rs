//! `gimlint lsp`: a language server on stdio, for editors. The same rules and gimlint.toml
//! as the command line: diagnostics when a document opens, changes or is saved; quick fixes
//! from the fixes findings carry; hover on an option name shows `explain section/option`.

use crate::cli::{self, RuleArgs};
use crate::finding::Finding;
use crate::model::Application;
use crate::settings::Settings;
use crate::{lint, Input};
use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::{
    notification::{
        DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
        Notification as _, PublishDiagnostics,
    },
    request::{CodeActionRequest, HoverRequest, Request as _},
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticSeverity, Hover, HoverContents,
    HoverParams, HoverProviderCapability, MarkupContent, MarkupKind, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::PathBuf;

/// The local path of a `file:` URI (percent-decoded); other URIs give their text.
fn path_of(uri: &Uri) -> String {
    let text = uri.as_str();
    let Some(rest) = text.strip_prefix("file://") else {
        return text.to_owned();
    };
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|b| hex(*b)),
            bytes.get(i + 2).and_then(|b| hex(*b)),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// LSP positions count UTF-16 code units on a line.
fn position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before
        .char_indices()
        .filter(|&(i, c)| c == '\n' || (c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n')))
        .count();
    let character = before[line_start..].encode_utf16().count();
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(character).unwrap_or(u32::MAX),
    )
}

/// The byte offset of an LSP position in `text`.
fn offset(text: &str, at: Position) -> usize {
    let mut line = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while line < at.line && i < bytes.len() {
        let end = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => 0,
        };
        if end > 0 {
            line += 1;
            start = i + end;
            i += end;
        } else {
            i += 1;
        }
    }
    let mut units = 0;
    for (index, c) in text[start..].char_indices() {
        if units >= at.character as usize || c == '\n' || c == '\r' {
            return start + index;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The settings for a document: the command line's defaults, with the gimlint.toml found
/// above the document.
fn settings_for(path: &str, today: &str) -> Settings {
    let args = RuleArgs {
        target_release: None,
        select: Vec::new(),
        ignore: Vec::new(),
        adata_reference: None,
        config: None,
        no_suppressions: false,
        max_file_size: None,
    };
    let start = PathBuf::from(path);
    cli::settings(&args, None, None, today, start.parent())
        .unwrap_or_else(|_| Settings::all_rules(today))
}

fn findings(path: &str, text: &str, today: &str) -> Vec<Finding> {
    let input = Input::Memory {
        name: path.to_owned(),
        bytes: text.as_bytes().to_vec(),
    };
    lint(&[input], &settings_for(path, today))
        .findings
        .into_iter()
        .filter(|f| f.file == 0)
        .collect()
}

fn diagnostic(text: &str, finding: &Finding) -> Diagnostic {
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    Diagnostic {
        range: Range::new(
            position(text, finding.span.start),
            position(text, finding.span.end),
        ),
        severity: Some(match finding.severity {
            crate::rules::Severity::Error => DiagnosticSeverity::ERROR,
            crate::rules::Severity::Warning => DiagnosticSeverity::WARNING,
            crate::rules::Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.code.to_owned())),
        source: Some("gimlint".to_owned()),
        message,
        ..Diagnostic::default()
    }
}

fn notify(
    connection: &Connection,
    method: &str,
    params: impl serde::Serialize,
) -> Result<(), String> {
    let params = serde_json::to_value(params).map_err(|e| e.to_string())?;
    connection
        .sender
        .send(Message::Notification(Notification::new(
            method.to_owned(),
            params,
        )))
        .map_err(|e| e.to_string())
}

fn publish(connection: &Connection, uri: &Uri, text: &str, today: &str) -> Result<(), String> {
    let diagnostics = findings(&path_of(uri), text, today)
        .iter()
        .map(|f| diagnostic(text, f))
        .collect();
    notify(
        connection,
        PublishDiagnostics::METHOD,
        PublishDiagnosticsParams::new(uri.clone(), diagnostics, None),
    )
}

fn code_actions(params: &CodeActionParams, text: &str, today: &str) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let (start, end) = (
        offset(text, params.range.start),
        offset(text, params.range.end),
    );
    findings(&path_of(uri), text, today)
        .into_iter()
        .filter(|f| f.span.start <= end && start <= f.span.end)
        .filter_map(|f| {
            let fix = f.fix.as_ref()?;
            let edits = fix
                .edits
                .iter()
                .map(|e| {
                    TextEdit::new(
                        Range::new(position(text, e.span.start), position(text, e.span.end)),
                        e.replacement.clone(),
                    )
                })
                .collect();
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("{}: {}", f.rule.code, fix.message),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic(text, &f)]),
                edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
                is_preferred: Some(fix.applicability == crate::finding::Applicability::Safe),
                ..CodeAction::default()
            }))
        })
        .collect()
}

fn hover(params: &HoverParams, text: &str) -> Option<Hover> {
    let source = crate::source::decode("hover.cfg".into(), text.as_bytes()).ok()?;
    let app = Application::new(&source);
    let at = offset(text, params.text_document_position_params.position);
    let section = app.doc.sections.iter().find_map(|s| {
        let option = s
            .options
            .iter()
            .find(|o| o.name_span.start <= at && at <= o.name_span.end)?;
        Some((s.name?, option.name))
    })?;
    let found = crate::schema::lookup(section.0, section.1);
    if found.is_empty() {
        return None;
    }
    let page = found
        .iter()
        .map(crate::docs::option_page)
        .collect::<Vec<_>>()
        .join("\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: page,
        }),
        range: None,
    })
}

fn respond(
    connection: &Connection,
    request: &Request,
    result: impl serde::Serialize,
) -> Result<(), String> {
    let response = Response::new_ok(request.id.clone(), result);
    connection
        .sender
        .send(Message::Response(response))
        .map_err(|e| e.to_string())
}

/// Serves one editor on stdio until it shuts down. `today` is `YYYY-MM-DD`.
pub fn serve(today: &str) -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    connection
        .initialize(capabilities)
        .map_err(|e| e.to_string())?;
    // Keyed by the URI's text: `Uri` caches its parts inside, which makes a poor map key.
    let mut documents: HashMap<String, String> = HashMap::new();
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    break;
                }
                match request.method.as_str() {
                    CodeActionRequest::METHOD => {
                        let params: CodeActionParams =
                            serde_json::from_value(request.params.clone())
                                .map_err(|e| e.to_string())?;
                        let text = documents
                            .get(params.text_document.uri.as_str())
                            .cloned()
                            .unwrap_or_default();
                        respond(&connection, &request, code_actions(&params, &text, today))?;
                    }
                    HoverRequest::METHOD => {
                        let params: HoverParams = serde_json::from_value(request.params.clone())
                            .map_err(|e| e.to_string())?;
                        let text = documents
                            .get(
                                params
                                    .text_document_position_params
                                    .text_document
                                    .uri
                                    .as_str(),
                            )
                            .cloned()
                            .unwrap_or_default();
                        respond(&connection, &request, hover(&params, &text))?;
                    }
                    _ => {
                        let error = Response::new_err(
                            request.id.clone(),
                            -32601,
                            format!("{} is not supported", request.method),
                        );
                        connection
                            .sender
                            .send(Message::Response(error))
                            .map_err(|e| e.to_string())?;
                    }
                }
            }
            Message::Notification(notification) => match notification.method.as_str() {
                DidOpenTextDocument::METHOD => {
                    let params: lsp_types::DidOpenTextDocumentParams =
                        serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                    let uri = params.text_document.uri;
                    publish(&connection, &uri, &params.text_document.text, today)?;
                    documents.insert(uri.as_str().to_owned(), params.text_document.text);
                }
                DidChangeTextDocument::METHOD => {
                    let params: lsp_types::DidChangeTextDocumentParams =
                        serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                    if let Some(change) = params.content_changes.into_iter().last() {
                        publish(&connection, &params.text_document.uri, &change.text, today)?;
                        documents.insert(params.text_document.uri.as_str().to_owned(), change.text);
                    }
                }
                DidSaveTextDocument::METHOD => {
                    let params: lsp_types::DidSaveTextDocumentParams =
                        serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                    if let Some(text) = documents.get(params.text_document.uri.as_str()) {
                        publish(&connection, &params.text_document.uri, text, today)?;
                    }
                }
                DidCloseTextDocument::METHOD => {
                    let params: lsp_types::DidCloseTextDocumentParams =
                        serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                    documents.remove(params.text_document.uri.as_str());
                    notify(
                        &connection,
                        PublishDiagnostics::METHOD,
                        PublishDiagnosticsParams::new(params.text_document.uri, Vec::new(), None),
                    )?;
                }
                _ => {}
            },
            Message::Response(_) => {}
        }
    }
    // The writer thread ends when the connection's sender is gone.
    drop(connection);
    threads.join().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "[a]\r\nk=𝄞é=x\n";
        let eq = text.rfind('=').unwrap();
        let at = position(text, eq);
        assert_eq!(at, Position::new(1, 5), "𝄞 is two UTF-16 units");
        assert_eq!(offset(text, at), eq);
        assert_eq!(
            path_of(&"file:///tmp/a%20b.cfg".parse().unwrap()),
            "/tmp/a b.cfg"
        );
    }
}
