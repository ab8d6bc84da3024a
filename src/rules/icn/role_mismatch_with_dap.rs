use crate::config::TopologyKind;
use crate::finding::Finding;
use crate::model::{AppKind, Application};
use crate::rules::fix::missing_option_anchor;
use crate::rules::{declare_rule, Context, Rule};
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// For an ICON application whose connections (gimlint.toml) include a DAP whose export
    /// is in the run, reports a `[callconcentrator] role` that differs from the DAP's
    /// `[callconcentrator] role` (an unset role is `all`). The order of the types does not
    /// matter.
    ///
    /// ## Why is this bad?
    /// The role of an ICON application and the role of the DAP of its IDB must be
    /// consistent: ICON stores a kind of data only when both include it. A mismatch loses
    /// data silently, for example interaction details (`gcc`) that GIM then never extracts.
    ///
    /// ## Example
    /// The ICON has `role=gcc,gud`; its DAP, connected in gimlint.toml, has:
    /// ```ini
    /// [callconcentrator]
    /// role=gcc
    /// ```
    ///
    /// ## Fix
    /// Give the ICON and its DAP the same role.
    pub struct RoleMismatchWithDap {
        code: "ICN004",
        name: "role-mismatch-with-dap",
        severity: Warning,
        fix: No,
        applies_to: &[AppKind::Icon],
        phase: None,
        options: ["callconcentrator/role"],
        summary: "the ICON `role` differs from the `role` of its IDB DAP (topology)",
        source: "https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/Roles",
    }
}

/// The role types, in any order; unset means `all`.
fn role_set(app: &Application) -> BTreeSet<String> {
    let value = app
        .option("callconcentrator", "role")
        .map(|o| o.value)
        .filter(|v| !v.trim().is_empty())
        .unwrap_or("all");
    value.split(',').map(|t| t.trim().to_owned()).collect()
}

impl Rule for RoleMismatchWithDap {
    fn check_options(&self, ctx: &Context, app: &Application) -> Vec<Finding> {
        let (Some(declared), Some(topology)) =
            (ctx.project.declared(app), ctx.project.topology.as_ref())
        else {
            return Vec::new();
        };
        let mine = role_set(app);
        let mut findings = Vec::new();
        for connection in &declared.connections {
            if ctx.project.kind_named(connection) != Some(TopologyKind::Dap) {
                continue;
            }
            let Some(dap) = topology
                .file_named(connection)
                .and_then(|i| ctx.project.app(i))
            else {
                continue;
            };
            let theirs = role_set(dap);
            if theirs == mine {
                continue;
            }
            let join = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(",");
            let span = app.option("callconcentrator", "role").map_or_else(
                || missing_option_anchor(app, "callconcentrator", "role").0,
                |o| o.value_span,
            );
            findings.push(
                Finding::new(
                    &Self::META,
                    span,
                    format!(
                        "the ICON role `{}` differs from the role `{}` of its DAP `{connection}` (`{}`)",
                        join(&mine),
                        join(&theirs),
                        dap.source.path
                    ),
                )
                .label("differs from the DAP")
                .help("give the ICON and the DAP of its IDB the same role"),
            );
        }
        findings
    }
}
