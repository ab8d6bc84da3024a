use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};
use crate::secrets::secret_spans_of;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Reports blanks (spaces, tabs) before or after a section name, an option name or an
    /// option value.
    ///
    /// ## Why is this bad?
    /// Genesys names are case-sensitive and compared as written, and the export format puts
    /// nothing around `=`. A blank that slipped in becomes part of the name or the value:
    /// `run-scheduler=false ` is not `false`, and ` run-scheduler` is not the option GIM
    /// looks for, so GIM silently uses the default instead. gimlint's other rules read names
    /// and values exactly as written too, and do not guess what a padded value means.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-scheduler = false
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// ```
    ///
    /// ## Fix
    /// Delete the blanks. The fix removes exactly them. A value made of blanks only is
    /// left alone: it may be meant.
    pub struct SurroundingWhitespace {
        code: "OPT006",
        name: "surrounding-whitespace",
        severity: Warning,
        fix: Yes,
        applies_to: &[],
        phase: None,
        summary: "leading or trailing whitespace in a section name, option name or value",
        source: "GAX Help, CFG/CONF File Format (`option-name=value`, no spaces) and option names are case-sensitive: https://docs.genesys.com/Documentation/GA/latest/user/OptionMgmt",
    }
}

/// The blank runs at the two ends of `span` in `text`: (leading, trailing), either empty.
fn blank_ends(text: &str, span: Span) -> (Span, Span) {
    let s = &text[span.range()];
    let leading = s.len() - s.trim_start().len();
    let trailing = s.len() - s.trim_end().len();
    (
        Span::new(span.start, span.start + leading),
        Span::new(span.end - trailing, span.end),
    )
}

impl SurroundingWhitespace {
    /// `what` names the place, built only when there is a finding: most places are clean.
    fn finding(&self, text: &str, span: Span, what: impl FnOnce() -> String) -> Option<Finding> {
        let part = &text[span.range()];
        // Most names and values have no blank at either end: decided on two characters.
        let (Some(first), Some(last)) = (part.chars().next(), part.chars().next_back()) else {
            return None;
        };
        if !first.is_whitespace() && !last.is_whitespace() || part.trim().is_empty() {
            return None;
        }
        let (leading, trailing) = blank_ends(text, span);
        let (primary, other, position) = match (leading.is_empty(), trailing.is_empty()) {
            (true, true) => return None,
            (false, true) => (leading, None, "leading"),
            (true, false) => (trailing, None, "trailing"),
            (false, false) => (leading, Some(trailing), "leading and trailing"),
        };
        let edits = [leading, trailing]
            .into_iter()
            .filter(|span| !span.is_empty())
            .map(|span| Edit {
                span,
                replacement: String::new(),
            })
            .collect();
        let mut finding = Finding::new(
            &Self::META,
            primary,
            format!("{position} whitespace in {}", what()),
        )
        .label(format!("{position} whitespace"))
        .help("delete it: Genesys reads it as part of the name or value")
        .fix(Fix {
            applicability: Applicability::Safe,
            message: "delete the whitespace".into(),
            edits,
        });
        if let Some(other) = other {
            finding = finding.secondary(other, "trailing whitespace");
        }
        Some(finding)
    }
}

impl Rule for SurroundingWhitespace {
    fn check_options(&self, _ctx: &Context, app: &Application) -> Vec<Finding> {
        let text = app.doc.text;
        let mut findings = Vec::new();
        for section in &app.doc.sections {
            if let Some(name) = section.name {
                findings.extend(self.finding(text, section.name_span, || {
                    format!("section name `[{}]`", name.trim())
                }));
            }
            for option in &section.options {
                let name = || option.name.trim();
                findings.extend(self.finding(text, option.name_span, || {
                    format!("option name `{}`", name())
                }));
                findings.extend(self.finding(text, option.value_span, || {
                    let name = name();
                    if secret_spans_of(option).is_empty() {
                        format!("the value `{}` of `{name}`", option.value.trim())
                    } else {
                        format!("the value of `{name}`")
                    }
                }));
            }
        }
        findings
    }
}
