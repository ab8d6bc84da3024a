use crate::base::AppKind;
use crate::base::Severity;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Looks at every GIM Database Access Point of the run (`[gim-etl] role`) when the run
    /// holds a Genesys Info Mart application too, that is a whole deployment, and reports:
    /// - a second DAP with `INFO_MART` (error: GIM loads exactly one Info Mart);
    /// - a second DAP with `ICON_CFG` (warning: allowed only for the DAPs of one HA set);
    /// - no DAP with `INFO_MART`, none with `ICON_CFG`, or none with `ICON_CORE` or `ICON_MM`
    ///   (warnings, on the first DAP: the run may not hold every DAP of the deployment).
    ///
    /// ## Why is this bad?
    /// GIM extracts configuration from exactly one ICON_CFG source, interactions from at
    /// least one ICON_CORE or ICON_MM source, and loads exactly one Info Mart. Another
    /// topology stops the ETL with errors after the migration, when the server starts.
    ///
    /// ## Example
    /// Two DAP exports of one deployment, both with:
    /// ```ini
    /// [gim-etl]
    /// role=INFO_MART
    /// ```
    ///
    /// ## Fix
    /// Give exactly one DAP the `INFO_MART` role and one (or one HA set) `ICON_CFG`, and at
    /// least one `ICON_CORE` or `ICON_MM`.
    pub struct DapRoleCardinality {
        code: "GIM010",
        name: "dap-role-cardinality",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::Dap],
        phase: None,
        reads_other_files: true,
        options: ["gim-etl/role"],
        summary: "the run's DAPs have not exactly one `INFO_MART`, not exactly one `ICON_CFG` (or HA set), or no `ICON_CORE`/`ICON_MM`",
        source: "https://docs.genesys.com/Documentation/GIM/latest/Dep/GIMExtractIDB",
    }
}

impl Rule for DapRoleCardinality {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let fleet = ctx.project.dap_fleet();
        if !fleet.gim_present {
            return;
        }
        let Some(role) = app.option("gim-etl", "role") else {
            return;
        };
        let Ok(position) = fleet.daps.binary_search_by_key(&ctx.current, |d| d.0) else {
            return;
        };
        let mine = &fleet.daps[position].1;
        for (role_name, severity, why) in [
            (
                "INFO_MART",
                Severity::Error,
                "GIM loads exactly one Info Mart",
            ),
            (
                "ICON_CFG",
                Severity::Warning,
                "only the DAPs of one HA set may share it",
            ),
        ] {
            if !mine.iter().any(|r| r == role_name) {
                continue;
            }
            let earlier = fleet
                .first_with
                .get(role_name)
                .filter(|&&first| first < position)
                .map(|&first| ctx.project.members[fleet.daps[first].0].source());
            if let Some(first) = earlier {
                let mut finding = Finding::new(
                    &Self::META,
                    role.value_span,
                    format!(
                        "a second DAP with `{role_name}`: `{}` has it too",
                        first.path
                    ),
                )
                .label(format!("second `{role_name}`"))
                .help(format!("keep `{role_name}` on one DAP: {why}"));
                finding.severity = severity;
                out.push(finding);
            }
        }
        if position == 0 {
            let has = |r: &str| fleet.first_with.contains_key(r);
            for (missing, needed) in [
                (!has("INFO_MART"), "`INFO_MART`"),
                (!has("ICON_CFG"), "`ICON_CFG`"),
                (
                    !has("ICON_CORE") && !has("ICON_MM"),
                    "`ICON_CORE` or `ICON_MM`",
                ),
            ] {
                if !missing {
                    continue;
                }
                let mut finding = Finding::new(
                    &Self::META,
                    role.value_span,
                    format!("no DAP of this run has the role {needed}"),
                )
                .label("checked across every DAP of the run")
                .help(format!(
                    "give one DAP the role {needed}, or lint every DAP of the deployment together"
                ));
                finding.severity = Severity::Warning;
                out.push(finding);
            }
        }
    }
}
