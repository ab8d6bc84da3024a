use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a `; gimlint: ignore…` comment without a reason after `--`.
    ///
    /// ## Why is this bad?
    /// A suppression is a decision; the next administrator (or the auditor of the change
    /// request) needs to know why the finding did not matter, and until when.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// ; gimlint: ignore GIM001
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
    /// Add ` -- ` and the reason at the end of the comment.
    pub struct SuppressionWithoutReason {
        code: "SUP003",
        name: "suppression-without-reason",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        after_suppressions: true,
        summary: "a suppression comment without `-- reason`",
        source: "gimlint suppressions (docs/guide.md)",
    }
}

impl Rule for SuppressionWithoutReason {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        app.suppressions
            .iter()
            .filter(|s| s.reason.is_none())
            .map(|s| {
                Finding::new(&Self::META, s.span, "the suppression gives no reason")
                    .label("no `-- reason`")
                    .help("end the comment with ` -- ` and why the finding does not matter here")
            })
            .for_each(|finding| out.push(finding));
    }
}
