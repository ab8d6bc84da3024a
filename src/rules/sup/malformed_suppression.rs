use crate::diagnostic::{Finding, Findings};
use crate::model::suppression::misread;
use crate::model::Application;
use crate::parse::options::LineKind;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a comment that looks meant as a suppression but that gimlint does not read
    /// as one: another tool's directive (`; noqa: GIM001`, `; shellcheck disable=…`), a
    /// missing colon (`; gimlint ignore GIM001`), another case (`; GIMLINT: ignore`), an
    /// unknown directive (`; gimlint: disable GIM001`), or a suppression that names no rule.
    /// (A rule code that does not exist is SUP001's.)
    ///
    /// ## Why is this bad?
    /// The finding it was meant to silence still shows, or, worse, the comment is taken for
    /// a decision recorded in the export when gimlint never read it.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// ; noqa: GIM001
    /// run-scheduler=true
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// ; gimlint: ignore GIM001 -- lab server, not part of the migration (CHG-1234)
    /// run-scheduler=true
    /// ```
    ///
    /// ## Fix
    /// Write it as `; gimlint: ignore CODE -- reason` (or `ignore-section`, `ignore-file`).
    pub struct MalformedSuppression {
        code: "SUP004",
        name: "malformed-suppression",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        after_suppressions: true,
        summary: "a comment meant as a suppression that gimlint does not read as one",
        source: "gimlint suppressions (docs/guide.md)",
    }
}

impl Rule for MalformedSuppression {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        for line in app.doc.lines.iter().filter(|l| l.kind == LineKind::Comment) {
            let Some(wrong) = misread(&app.doc.text[line.span.range()]) else {
                continue;
            };
            out.push(
                Finding::new(
                    &Self::META,
                    line.span,
                    format!("this comment looks like a suppression but {wrong}, so it suppresses nothing"),
                )
                .label("not read as a suppression")
                .help("gimlint reads `; gimlint: ignore CODE -- reason` (or `ignore-section`, `ignore-file`)"),
            );
        }
    }
}
