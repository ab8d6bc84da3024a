//! SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers). Rules come from the
//! registry with their help; results carry `partialFingerprints` keyed by file, section,
//! option and rule, not by line.

use super::fingerprints;
use crate::base::Severity;
use crate::engine::Report;
use crate::rules::REGISTRY;
use rayon::prelude::*;
use serde_json::{json, Value};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.doc(), "markdown": m.doc() },
                "helpUri": m.url(),
                "defaultConfiguration": { "level": level(m.severity) },
            })
        })
        .collect();
    let fingerprints = fingerprints(report);
    // Each result is independent of the others: built on all cores, in order.
    let results: Vec<Value> = report
        .findings
        .par_iter()
        .zip(&fingerprints)
        .map(|(f, fingerprint)| {
            let start = f.located().span.start;
            let end = f.located().span.end;
            let index = REGISTRY
                .iter()
                .position(|r| r.meta().code == f.rule.code)
                .unwrap_or(0);
            let mut message = f.message.clone();
            if let Some(help) = &f.help {
                message.push_str(&format!(". Help: {help}"));
            }
            json!({
                "ruleId": f.rule.code,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact_location(&report.files[f.file].canonical_path),
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        }
                    }
                }],
                "partialFingerprints": { "gimlintPlace/v1": fingerprint },
            })
        })
        .collect();
    let mut sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "gimlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    if let Some(root) = report.paths.root() {
        let root = file_uri(&root.to_string_lossy());
        let root = if root.ends_with('/') {
            root
        } else {
            root + "/"
        };
        sarif["runs"][0]["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": root } });
    }
    // The gimlint.toml of the run, in the role SARIF gives a configuration the user supplies
    // (named by `--config` or found beside the exports: either way the user's file).
    if let Some(config) = &report.config {
        sarif["runs"][0]["artifacts"] = json!([{
            "location": artifact_location(&report.paths.canonical(config)),
            "roles": ["userSpecifiedConfiguration"],
        }]);
    }
    let mut text = serde_json::to_string_pretty(&sarif).expect("SARIF values always serialize");
    text.push('\n');
    crate::base::escape::json_for_logs(text)
}

/// Where a file is: relative to `%SRCROOT%` (the project root, see
/// [`crate::engine::ProjectPaths`]), or an absolute `file://` URI for a file outside it.
fn artifact_location(canonical: &str) -> Value {
    let bytes = canonical.as_bytes();
    let windows_drive = bytes.len() > 1 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if canonical.starts_with('/') || windows_drive {
        json!({ "uri": file_uri(canonical) })
    } else {
        json!({ "uri": uri(canonical), "uriBaseId": "%SRCROOT%" })
    }
}

/// The `file://` URI of an absolute path (`/srv/x`, or `C:\x` on Windows, whose drive's
/// colon stays as it is).
fn file_uri(absolute: &str) -> String {
    let bytes = absolute.as_bytes();
    if bytes.len() > 1 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        format!("file:///{}:{}", &absolute[..1], uri(&absolute[2..]))
    } else {
        format!("file://{}", uri(absolute))
    }
}

/// A relative URI reference for a path: forward slashes, and the characters URIs reserve
/// percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
