//! JUnit XML, for CI systems that show test reports: one test suite per file, one failed
//! test case per finding, or one passed test case for a clean file.

use crate::base::escape::displayable;
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

pub fn render(report: &Report) -> String {
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
        .sum();
    let _ = writeln!(
        out,
        "<testsuites name=\"gimlint\" tests=\"{cases}\" failures=\"{}\">",
        report.findings.len()
    );
    for (index, file) in report.files.iter().enumerate() {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.file == index).collect();
        let path = esc(&file.canonical_path);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            findings.len().max(1),
            findings.len()
        );
        if findings.is_empty() {
            let _ = writeln!(out, "    <testcase classname=\"{path}\" name=\"gimlint\"/>");
        }
        for f in findings {
            let at = f.located().span.start;
            let _ = writeln!(
                out,
                "    <testcase classname=\"{path}\" name=\"{} {}:{}\">\n      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}[{}] {}</failure>\n    </testcase>",
                f.rule.code,
                at.line,
                at.column,
                f.severity,
                esc(&f.message),
                path,
                at.line,
                at.column,
                f.severity,
                f.rule.code,
                esc(&f.message)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
