use super::Prerequisite12;
use crate::base::value::parse_int;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::{missing_option_anchor, set_option};
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// When the target Genesys Info Mart release is 8.5.002.09 or later, reports an ICON
    /// application that records voice interaction details and whose
    /// `[callconcentrator] cseq-adjustment` is not `2` (or not set).
    ///
    /// An ICON records interaction details when its `role` is `all` or not set (the default
    /// is `all`), includes `gcc`, is an exclusion list (`~cfg`) that does not exclude `gcc`,
    /// or is not lowercase (ICON then falls back to `all`).
    ///
    /// ## Why is this bad?
    /// The procedure requires `cseq-adjustment=2` on every ICON that records voice details
    /// before GIM 8.5.002.09 or later is deployed (Prerequisite 12). GIM reports nothing if
    /// it is missing: the voice data it extracts afterwards is simply not what it expects.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// role=all
    /// cseq-adjustment=0
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// role=all
    /// cseq-adjustment=2
    /// ```
    ///
    /// ## Fix
    /// Set `cseq-adjustment=2` in `[callconcentrator]` of every ICON that records voice
    /// details (both ICONs of an HA pair). The fix sets the value, or adds the option.
    pub struct CseqAdjustmentNot2 {
        code: "ICN001",
        name: "cseq-adjustment-not-2",
        severity: Error,
        fix: Yes,
        applies_to: &[AppKind::Icon],
        phase: None,
        options: ["callconcentrator/cseq-adjustment", "callconcentrator/role"],
        summary: "target release ≥ 8.5.002.09 and ICON records voice details: `cseq-adjustment` is not `2`",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Prerequisite 12; roles: https://docs.genesys.com/Documentation/ICON/latest/Dep/Roles",
    }
}

impl Rule for CseqAdjustmentNot2 {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(prerequisite) = Prerequisite12::applies(ctx, app) else {
            return;
        };
        let target = &ctx.settings.target_release;
        let finding = match app.option("callconcentrator", "cseq-adjustment") {
            None => {
                let (anchor, label) = missing_option_anchor(app, "callconcentrator", "cseq-adjustment");
                Finding::new(
                    &Self::META,
                    anchor,
                format!("`cseq-adjustment` is not set; Genesys Info Mart {target} needs `2` on an ICON that records voice details"),
            )
            .label(label)
            },
            // A value that is not a number is left to the schema rules: no guessing.
            Some(option) if parse_int(option.value).is_none_or(|n| n == 2) => return,
            Some(option) => Finding::new(
                &Self::META,
                option.value_span,
                format!("`cseq-adjustment={}`; Genesys Info Mart {target} needs `2` on an ICON that records voice details", option.value),
            )
            .label("must be 2"),
        };
        let finding =
            prerequisite.explain(finding, "set `cseq-adjustment=2` in `[callconcentrator]`");
        out.push(finding.fix(set_option(app, "callconcentrator", "cseq-adjustment", "2")));
    }
}
