use super::Prerequisite12;
use crate::base::value::parse_bool;
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::{missing_option_anchor, set_option};
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// When the target Genesys Info Mart release is 8.5.002.09 or later, reports an ICON
    /// application that records voice or multimedia interaction details and whose
    /// `[callconcentrator] route-res-vqid-hist-enabled` is false or not set.
    ///
    /// The role test is the one of ICN001: `role` is `all` or not set, includes `gcc`, is an
    /// exclusion list that does not exclude `gcc`, or is not lowercase.
    ///
    /// ## Why is this bad?
    /// The procedure requires `route-res-vqid-hist-enabled=true` on every ICON that records
    /// voice or multimedia details before GIM 8.5.002.09 or later is deployed
    /// (Prerequisite 12). Without it ICON does not keep the virtual-queue history of routing
    /// results that GIM expects, and nothing reports the gap.
    ///
    /// ## Example
    /// ```ini
    /// [callconcentrator]
    /// role=gcc,gud
    /// route-res-vqid-hist-enabled=false
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [callconcentrator]
    /// role=gcc,gud
    /// route-res-vqid-hist-enabled=true
    /// ```
    ///
    /// ## Fix
    /// Set `route-res-vqid-hist-enabled=true` in `[callconcentrator]`. The fix sets the
    /// value, or adds the option.
    pub struct VqidHistoryDisabled {
        code: "ICN002",
        name: "vqid-history-disabled",
        severity: Error,
        fix: Yes,
        applies_to: &[AppKind::Icon],
        phase: None,
        options: ["callconcentrator/route-res-vqid-hist-enabled", "callconcentrator/role"],
        summary: "target release ≥ 8.5.002.09 and ICON records voice or multimedia details: `route-res-vqid-hist-enabled` is not true",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Prerequisite 12; roles: https://docs.genesys.com/Documentation/ICON/latest/Dep/Roles",
    }
}

impl Rule for VqidHistoryDisabled {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(prerequisite) = Prerequisite12::applies(ctx, app) else {
            return;
        };
        let target = &ctx.settings.target_release;
        let finding = match app.option("callconcentrator", "route-res-vqid-hist-enabled") {
            None => {
                let (anchor, label) = missing_option_anchor(app, "callconcentrator", "route-res-vqid-hist-enabled");
                Finding::new(
                    &Self::META,
                    anchor,
                format!("`route-res-vqid-hist-enabled` is not set; Genesys Info Mart {target} needs `true` on an ICON that records interaction details"),
            )
            .label(label)
            },
            Some(option) if parse_bool(option.value) == Some(false) => Finding::new(
                &Self::META,
                option.value_span,
                format!("`route-res-vqid-hist-enabled={}`; Genesys Info Mart {target} needs `true` on an ICON that records interaction details", option.value),
            )
            .label("must be true"),
            // True, or not a boolean (left to the schema rules: no guessing).
            Some(_) => return,
        };
        let finding = prerequisite.explain(
            finding,
            "set `route-res-vqid-hist-enabled=true` in `[callconcentrator]`",
        );
        out.push(finding.fix(set_option(
            app,
            "callconcentrator",
            "route-res-vqid-hist-enabled",
            "true",
        )));
    }
}
