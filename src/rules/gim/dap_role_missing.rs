use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a Database Access Point for Genesys Info Mart (its `[gim-etl]` holds
    /// `jdbc-url`) that has no `[gim-etl] role`.
    ///
    /// ## Why is this bad?
    /// The role tells GIM what the DAP is: the Info Mart it loads (`INFO_MART`) or an IDB it
    /// extracts from (`ICON_CFG`, `ICON_CORE`, `ICON_MM`, `ICON_OCS`). The option has no
    /// default value, so a DAP without it serves none of them: an Info Mart DAP without its
    /// role leaves GIM with no Info Mart to load, and an extraction DAP without one leaves
    /// its IDB unread.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// jdbc-url=jdbc:postgresql://gimdb:5432/infomart
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-etl]
    /// jdbc-url=jdbc:postgresql://gimdb:5432/infomart
    /// role=INFO_MART
    /// ```
    ///
    /// ## Fix
    /// Add `role` to `[gim-etl]` with the role of this DAP: `INFO_MART` for the Info Mart
    /// database; `ICON_CFG`, `ICON_CORE`, `ICON_MM` or `ICON_OCS` (comma-separated when the
    /// IDB holds several) for an IDB.
    pub struct DapRoleMissing {
        code: "GIM015",
        name: "dap-role-missing",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::Dap],
        phase: None,
        options: ["gim-etl/role", "gim-etl/jdbc-url"],
        summary: "a DAP with `[gim-etl] jdbc-url` has no `[gim-etl] role`, which has no default",
        source: "Genesys Info Mart Deployment Guide, Extracting IDB data (role: No default value): https://docs.genesys.com/Documentation/GIM/latest/Dep/GIMExtractIDB",
    }
}

impl Rule for DapRoleMissing {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        if app.option("gim-etl", "role").is_some() {
            return;
        }
        let Some(jdbc_url) = app.option("gim-etl", "jdbc-url") else {
            return;
        };
        out.push(Finding::new(
            &Self::META,
            jdbc_url.name_span,
            "this Database Access Point has no `[gim-etl] role`, and the role has no default",
        )
        .label("a GIM Database Access Point, with no role")
        .help("add `role=INFO_MART` to `[gim-etl]` if this DAP is the Info Mart database, or the ICON roles of its IDB (`ICON_CFG`, `ICON_CORE`, `ICON_MM`, `ICON_OCS`)"));
    }
}
