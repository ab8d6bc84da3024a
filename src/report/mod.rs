//! Reporters: a [`crate::engine::Report`] in, text out. They decide nothing about what is wrong, and
//! they are the only place where byte offsets become lines and columns.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod inventory;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod readiness;
pub mod sarif;
pub mod short;

use crate::engine::Report;
use crate::parse::options::OptionsDoc;
use serde::Serialize;

/// Output formats of `gimlint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets for a terminal.
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Short,
    /// One JSON object (schemas/gimlint-output.schema.json).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations (the default under GitHub Actions).
    Github,
    /// JUnit XML test report.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// A 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Positions of a report's files, from each file's one line index (built when a file's first
/// position is asked for: most files of a large run have no finding).
pub struct Positions<'r> {
    report: &'r Report,
}

impl<'r> Positions<'r> {
    pub fn new(report: &'r Report) -> Self {
        Positions { report }
    }

    /// The position of `offset` in `file`.
    pub fn at(&self, file: usize, offset: usize) -> Position {
        let (line, column) = self.report.files[file].source.line_col(offset);
        Position { line, column }
    }
}

/// The line of standard error that says a path could not be linted, with control
/// characters shown escaped, as in every output: all of them in the path; in the message,
/// all but its line breaks (a TOML error's excerpt spans lines), and then no line may start
/// a workflow command.
pub fn error_line(error: &crate::engine::OperationalError) -> String {
    crate::base::escape::no_command_lines(format!(
        "gimlint: error: {}: {}\n",
        crate::base::escape::displayable(&error.path),
        crate::base::escape::Escaped::new(&error.message, true).text
    ))
}

/// One line per change of `gimlint diff`: `+ [section] option=value`, `- …`, `~ … old → new`.
pub fn change_lines(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    for app in &report.changes {
        match (&app.before, &app.after) {
            (Some(before), Some(after)) => lines.push(format!("{before} → {after}")),
            (None, Some(after)) => lines.push(format!("{after}: new, no export before")),
            (Some(before), None) => lines.push(format!("{before}: gone, no export after")),
            (None, None) => {}
        }
        for change in &app.changes {
            let name = format!("[{}] {}", change.section, change.option);
            lines.push(match (&change.before, &change.after) {
                (None, Some(new)) => format!("  + {name}={new}"),
                (Some(old), None) => format!("  - {name}={old}"),
                (Some(old), Some(new)) => format!("  ~ {name}: {old} → {new}"),
                (None, None) => continue,
            });
        }
    }
    lines
}

/// A stable identity for a finding that does not depend on its line: the file, the section
/// and option (or XML element and attribute) it is about, the rule, and which of the rule's
/// findings on that same place it is. Re-exporting a file that moves lines keeps it, so CI
/// tools (SARIF, GitLab) do not see a new problem. The place is masked like any output (see
/// [`Places`]): a hash of a line holding a password would let anyone holding the CI
/// artifact confirm a guess of it.
pub fn fingerprints(report: &Report) -> Vec<String> {
    use sha2::Digest;
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut places = Places::new(report);
    report
        .findings
        .iter()
        .map(|finding| {
            let file = &report.files[finding.file];
            let place = places.at(finding.file, finding.span.start);
            let key = format!(
                "{}\u{0}{}\u{0}{}",
                file.source.path, place, finding.rule.code
            );
            let occurrence = seen.entry(key.clone()).or_insert(0);
            *occurrence += 1;
            let digest = sha2::Sha256::digest(format!("{key}\u{0}{occurrence}").as_bytes());
            digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
        })
        .collect()
}

/// Where findings are, as `[section]option`, for keys that survive line moves; each file is
/// parsed once (findings come sorted by file, so the last file parsed is kept). The text of
/// a place comes from the file's redacted text, at the same offsets: a line that is not an
/// option (`password: hunter2`) is keyed by what output may show of it.
pub struct Places<'r> {
    report: &'r Report,
    parsed: Option<(usize, OptionsDoc<'r>, String)>,
}

impl<'r> Places<'r> {
    pub fn new(report: &'r Report) -> Self {
        Places {
            report,
            parsed: None,
        }
    }

    pub fn at(&mut self, file: usize, offset: usize) -> String {
        let linted = &self.report.files[file];
        if self
            .parsed
            .as_ref()
            .is_none_or(|(parsed, _, _)| *parsed != file)
        {
            self.parsed = Some((
                file,
                OptionsDoc::parse(&linted.source.text),
                linted.redacted_text(),
            ));
        }
        let (_, doc, shown) = self.parsed.as_ref().expect("parsed just above");
        place_in(linted, doc, shown, offset)
    }
}

/// `section/option` (or the section alone) of the option line holding `offset`; for other
/// text (XML, a line that is not an option) the trimmed line itself. Names and lines are
/// read from `shown`, the file's redacted text (the same offsets as `doc`'s). Sections and
/// their options are in file order: two searches find them, whatever the size of the file.
fn place_in(
    file: &crate::engine::LintedFile,
    doc: &OptionsDoc,
    shown: &str,
    offset: usize,
) -> String {
    let text = &file.source.text;
    let sections = if file.kind == crate::base::AppKind::AdataSpec {
        &[][..]
    } else {
        &doc.sections[..]
    };
    let starts_by = |section: &crate::parse::options::Section| {
        section
            .header_line
            .map_or(0, |line| doc.lines[line].span.start)
            <= offset
    };
    if let Some(section) = sections[..sections.partition_point(starts_by)].last() {
        let name = &shown[section.name_span.range()];
        if section.name_span.start <= offset
            && offset <= section.name_span.end
            && section.name.is_some()
        {
            return format!("[{name}]");
        }
        let options = &section.options;
        let before = options.partition_point(|o| doc.lines[o.line].span.start <= offset);
        if let Some(option) = options[..before]
            .last()
            .filter(|o| offset <= doc.lines[o.line].span.end)
        {
            return format!("[{name}]{}", &shown[option.name_span.range()]);
        }
    }
    let index = file.source.line_index();
    let line = index.line_of(offset);
    let start = index.line_start(line);
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    shown[start..end].trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The searches of `place_in` find what a scan of every section and option finds.
    #[test]
    fn places_are_found_as_a_scan_finds_them() {
        let text = "a=1\n\n[s]\n; c\nk=v\nbad\n[t]\n[s]\nk2 = v2\r\nk3=\n";
        let file = crate::engine::LintedFile {
            source: crate::source::decode("t.cfg".into(), text.as_bytes()).unwrap(),
            sha256: None,
            kind: crate::base::AppKind::Unknown,
            evidence: None,
            in_topology: false,
            secrets: Vec::new(),
        };
        let doc = OptionsDoc::parse(text);
        let shown = file.redacted_text();
        let scan = |offset: usize| {
            for section in &doc.sections {
                let name = section.name.unwrap_or("");
                if section.name_span.start <= offset
                    && offset <= section.name_span.end
                    && section.name.is_some()
                {
                    return format!("[{name}]");
                }
                for option in &section.options {
                    let line = &doc.lines[option.line];
                    if line.span.start <= offset && offset <= line.span.end {
                        return format!("[{name}]{}", option.name);
                    }
                }
            }
            let start = text[..offset.min(text.len())]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
            let end = text[start..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| start + i);
            text[start..end].trim().to_owned()
        };
        // No span starts between the two bytes of a `\r\n`.
        let inside_crlf =
            |offset: usize| text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
        for (offset, _) in text.char_indices().filter(|&(o, _)| !inside_crlf(o)) {
            assert_eq!(
                place_in(&file, &doc, &shown, offset),
                scan(offset),
                "at {offset}"
            );
        }
        assert_eq!(
            place_in(&file, &doc, &shown, text.find("k2").unwrap()),
            "[s]k2"
        );
        assert_eq!(
            place_in(&file, &doc, &shown, text.find("bad").unwrap()),
            "bad"
        );
    }
}
