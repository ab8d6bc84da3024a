//! SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers). Rules come from the
//! registry with their documentation and the properties GitHub reads (tags, precision,
//! severity, security severity); results carry `partialFingerprints` keyed by file, section,
//! option and rule, not by line (GitHub computes and uses its own); the invocation says
//! whether the run did its whole job and which paths it could not lint.

use super::fingerprints;
use crate::base::Severity;
use crate::diagnostic::RuleMeta;
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

/// The run's category for code scanning: GitHub keeps one set of alerts per tool and
/// category. It is fixed: a workflow that runs gimlint more than once (one folder per job)
/// names each upload with upload-sarif's `category`, which takes precedence over it.
const AUTOMATION_ID: &str = "gimlint/";

/// The rules whose findings rest on option facts the schemas may not confirm (a type, the
/// values allowed, a range): on an unconfirmed fact they report a warning, not an error.
const RULES_ON_SCHEMA_FACTS: &[&str] = &["OPT010", "OPT011", "OPT012"];

/// How bad a vulnerability a security rule's finding is, on CVSS's 0–10 scale (a number as
/// a string): with it GitHub shows the rule's results as security alerts. A password in
/// plain text in a file that is mailed and committed is "high" (7.0–8.9), as for CWE-256.
fn security_severity(meta: &RuleMeta) -> Option<&'static str> {
    meta.code.starts_with("SEC").then_some("7.5")
}

/// How often the rule's findings are real problems, for code scanning's filters: an error
/// the procedure states is certain; a warning is "likely wrong", and so is a finding on a
/// fact the schemas may not confirm; an info finding is only worth knowing.
fn precision(meta: &RuleMeta) -> &'static str {
    match meta.severity {
        Severity::Info => "medium",
        Severity::Warning => "high",
        Severity::Error if RULES_ON_SCHEMA_FACTS.contains(&meta.code) => "high",
        Severity::Error => "very-high",
    }
}

/// The severity of a problem that is not a security alert, as GitHub names it.
fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    }
}

/// The text under `## {heading}` of a rule's documentation, up to the next heading.
fn doc_section(doc: &str, heading: &str) -> String {
    let start = format!("## {heading}\n");
    doc.split_once(&start)
        .map(|(_, rest)| rest.split("\n## ").next().unwrap_or(rest))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Markdown as plain text, for viewers that show no Markdown: code fences go, the code
/// stays.
fn plain(markdown: &str) -> String {
    markdown
        .lines()
        .filter(|line| !line.starts_with("```"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A rule as code scanning shows it: its summary as the title, what it does and why as its
/// description, how to fix it (and in Markdown its whole page) as its help, with a link to
/// its documentation.
fn rule_descriptor(meta: &RuleMeta) -> Value {
    let doc = meta.doc();
    let description = format!(
        "{}\n\n{}",
        doc_section(&doc, "What it does"),
        doc_section(&doc, "Why is this bad?")
    );
    let url = meta.url();
    let family = meta.code.trim_end_matches(|c: char| c.is_ascii_digit());
    let mut tags = vec![family.to_owned()];
    let mut properties = json!({
        "precision": precision(meta),
        "problem.severity": problem_severity(meta.severity),
    });
    if let Some(score) = security_severity(meta) {
        tags.push("security".to_owned());
        // Plaintext Storage of a Password.
        tags.push("external/cwe/cwe-256".to_owned());
        properties["security-severity"] = json!(score);
    }
    properties["tags"] = json!(tags);
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": plain(&description), "markdown": description },
        "help": {
            "text": format!("{}\n\nDocumentation: {url}", plain(&doc_section(&doc, "Fix"))),
            "markdown": format!("{doc}\n\n[{} documentation]({url})", meta.code),
        },
        "helpUri": url,
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": properties,
    })
}

/// What SARIF says of the run itself: whether it did its whole job (exit code 2 when not),
/// and an error notification for each path it could not lint, where it is. The messages
/// were scrubbed with the run's secrets when the run ended, like every text of the report.
fn invocation(report: &Report) -> Value {
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|error| {
            let mut notification = json!({
                "level": "error",
                "message": { "text": error.message },
            });
            if !error.path.is_empty() {
                notification["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": artifact_location(&report.paths.canonical(&error.path))
                    }
                }]);
            }
            notification
        })
        .collect();
    json!({
        "executionSuccessful": report.errors.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = REGISTRY.iter().map(|r| rule_descriptor(r.meta())).collect();
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
            "automationDetails": { "id": AUTOMATION_ID },
            "invocations": [invocation(report)],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    if let Some(root) = report.paths.root() {
        let root = uri(&root.to_string_lossy());
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
/// [`crate::engine::ProjectPaths`]), or an absolute `file:` URI for a file outside it.
fn artifact_location(canonical: &str) -> Value {
    let location = uri(canonical);
    if location.starts_with("file:") {
        json!({ "uri": location })
    } else {
        json!({ "uri": location, "uriBaseId": "%SRCROOT%" })
    }
}

/// A path as a URI reference code scanning accepts: a relative path as a relative
/// reference with `/` separators and without `./`, an absolute one as a `file:` URI (a
/// reference starting with `/` is not a file path to SARIF validators); the characters URIs
/// reserve percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes.get(2).is_none_or(|&b| b == b'/');
    if drive {
        format!("file:///{}:{}", &path[..1], percent_encoded(&path[2..]))
    } else if path.starts_with("//") {
        // A UNC path, `//server/share/…`: the server is the URI's authority.
        format!("file:{}", percent_encoded(&path))
    } else if path.starts_with('/') {
        format!("file://{}", percent_encoded(&path))
    } else {
        let mut relative = path.as_str();
        while let Some(rest) = relative.strip_prefix("./") {
            relative = rest.trim_start_matches('/');
        }
        percent_encoded(relative)
    }
}

fn percent_encoded(path: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::{uri, RULES_ON_SCHEMA_FACTS};

    /// The list of rules whose precision is lowered stays that of the rule files that look
    /// at whether a schema fact is confirmed.
    #[test]
    fn the_rules_on_schema_facts_are_those_that_read_whether_a_fact_is_confirmed() {
        fn codes_under(folder: &std::path::Path, codes: &mut Vec<String>) {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    codes_under(&path, codes);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains(".confirmed") {
                    let code = text.split("code: \"").nth(1).unwrap();
                    codes.push(code[..code.find('"').unwrap()].to_owned());
                }
            }
        }
        let mut codes = Vec::new();
        codes_under(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules"),
            &mut codes,
        );
        codes.sort();
        assert_eq!(codes, RULES_ON_SCHEMA_FACTS);
    }

    #[test]
    fn relative_paths_are_relative_references_without_dot_slash() {
        assert_eq!(uri("gim.cfg"), "gim.cfg");
        assert_eq!(uri("./exports/gim.cfg"), "exports/gim.cfg");
        assert_eq!(uri(".//./gim.cfg"), "gim.cfg");
        assert_eq!(uri("../gim.cfg"), "../gim.cfg");
        assert_eq!(uri("exports\\a b:c.cfg"), "exports/a%20b%3Ac.cfg");
    }

    #[test]
    fn absolute_paths_are_file_uris() {
        assert_eq!(uri("/srv/a b/gim.cfg"), "file:///srv/a%20b/gim.cfg");
        assert_eq!(uri("C:\\exports\\gim.cfg"), "file:///C:/exports/gim.cfg");
        assert_eq!(
            uri("\\\\server\\share\\gim.cfg"),
            "file://server/share/gim.cfg"
        );
    }
}
