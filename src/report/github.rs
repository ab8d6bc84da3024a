//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
//! Chosen by default when `GITHUB_ACTIONS=true` and no `--format` is given; under GitHub
//! Actions they are also written beside any other format (see `cli::output`), capped as
//! GitHub shows them.

use crate::base::escape::displayable;
use crate::base::Severity;
use crate::engine::Report;
use std::fmt::Write;

/// GitHub shows at most this many annotations of each kind (error, warning, notice) of a
/// step; the others are in the log only, where nobody looks for them.
pub const SHOWN_PER_KIND: usize = 10;

/// Escapes a workflow-command message as the runner unescapes it: `%`, and line breaks as
/// `%0D` and `%0A` (the annotation shows them, the command stays one line); other control
/// characters are shown escaped, so that nothing in it acts on a terminal.
fn data(text: &str) -> String {
    displayable(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
    .into_owned()
}

/// Escapes a workflow-command property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One annotation per finding.
pub fn render(report: &Report) -> String {
    annotations(report, usize::MAX, None)
}

/// Annotations for a GitHub Actions step: at most [`SHOWN_PER_KIND`] of each kind, then one
/// notice saying how many more there are and where to see them (`where_to_see`). That
/// notice is one of the notices GitHub shows: one fewer finding of that kind is.
pub fn render_capped(report: &Report, where_to_see: &str) -> String {
    annotations(report, SHOWN_PER_KIND, Some(where_to_see))
}

fn annotations(report: &Report, per_kind: usize, where_to_see: Option<&str>) -> String {
    let total = |severity| {
        report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    let overflows = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .any(|severity| total(severity) > per_kind);
    let limit = |severity| match severity {
        Severity::Info if overflows => per_kind - 1,
        _ => per_kind,
    };
    let mut out = String::new();
    let mut shown = [0usize; 3];
    let mut not_shown = 0;
    for f in &report.findings {
        let kind = f.severity as usize;
        if shown[kind] >= limit(f.severity) {
            not_shown += 1;
            continue;
        }
        shown[kind] += 1;
        let start = f.located().span.start;
        let end = f.located().span.end;
        // The report's texts are masked already; the path and title are scrubbed too, as
        // every text of a new output surface is. The path is the one GitHub resolves from
        // the checkout.
        let scrub = |text: &str| report.redactor.scrub(text).into_owned();
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(f.severity),
            property(&scrub(
                &report
                    .paths
                    .in_repository(&report.files[f.file].canonical_path)
            )),
            start.line,
            start.column,
            end.line,
            end.column,
            property(&scrub(&format!("{} {}", f.rule.code, f.rule.name))),
            data(&scrub(&f.message))
        );
    }
    if let (Some(where_to_see), true) = (where_to_see, not_shown > 0) {
        let _ = writeln!(
            out,
            "::notice title=gimlint::{}",
            data(&format!(
                "{} not shown as annotations (GitHub shows {per_kind} of each kind): see {where_to_see}",
                crate::base::text::plural(not_shown, "more finding")
            ))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped_as_the_runner_unescapes_them() {
        assert_eq!(data("50%\r\nnext\u{1b}[2J"), "50%25%0D%0Anext\\x1b[2J");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
