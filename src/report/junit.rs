//! JUnit XML, for CI systems that show test reports (Jenkins' schema: pytest's
//! `junit-10.xsd`): one test suite per file, one test case per finding, failed only when the
//! finding fails the run (at or above `--fail-on`); one passed test case for a clean file;
//! one test case in error for each path gimlint could not lint.

use crate::base::escape::displayable;
use crate::base::Severity;
use crate::diagnostic::Finding;
use crate::engine::Report;
use std::fmt::Write;

/// Text for an attribute value or element content. XML 1.0 forbids most control characters
/// even as character references: [`displayable`] shows them escaped.
fn esc(text: &str) -> String {
    displayable(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A finding as the CI log line gimlint prints for it in the short format.
fn finding_line(path: &str, f: &Finding) -> String {
    let at = f.located().span.start;
    format!(
        "{path}:{}:{}: {}[{}] {}",
        at.line,
        at.column,
        f.severity,
        f.rule.code,
        esc(&f.message)
    )
}

/// A finding below `--fail-on` (an info finding, by default) does not fail the run, so its
/// test case passes; it is still listed by name, and its text is the case's standard
/// output, which Jenkins shows on the case's page. (`<skipped>` would say the check did
/// not run, which is not so.)
pub fn render(report: &Report, fail_on: Severity) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let cases: usize = (0..report.files.len())
        .map(|i| {
            report
                .findings
                .iter()
                .filter(|f| f.file == i)
                .count()
                .max(1)
        })
        .sum::<usize>()
        + report.errors.len();
    let failures = report
        .findings
        .iter()
        .filter(|f| f.severity >= fail_on)
        .count();
    let _ = writeln!(
        out,
        "<testsuites name=\"gimlint\" tests=\"{cases}\" failures=\"{failures}\" errors=\"{}\">",
        report.errors.len()
    );
    for (index, file) in report.files.iter().enumerate() {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.file == index).collect();
        let path = esc(&file.canonical_path);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            findings.len().max(1),
            findings.iter().filter(|f| f.severity >= fail_on).count()
        );
        if findings.is_empty() {
            let _ = writeln!(out, "    <testcase classname=\"{path}\" name=\"gimlint\"/>");
        }
        for f in findings {
            let at = f.located().span.start;
            let _ = writeln!(
                out,
                "    <testcase classname=\"{path}\" name=\"{} {}:{}\">",
                f.rule.code, at.line, at.column
            );
            let line = finding_line(&path, f);
            if f.severity >= fail_on {
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{line}</failure>",
                    f.severity,
                    esc(&f.message)
                );
            } else {
                let _ = writeln!(out, "      <system-out>{line}</system-out>");
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    // The messages were masked with the run's secrets when the run ended.
    for error in &report.errors {
        // An error about no particular file keeps its empty name.
        let path = if error.path.is_empty() {
            String::new()
        } else {
            esc(&report.paths.canonical(&error.path))
        };
        let message = esc(&error.message);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase classname=\"{path}\" name=\"gimlint\">\n      <error type=\"could-not-lint\" message=\"{message}\">{path}: {message}</error>\n    </testcase>\n  </testsuite>"
        );
    }
    out.push_str("</testsuites>\n");
    out
}
