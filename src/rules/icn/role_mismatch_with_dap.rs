use crate::base::AppKind;
use crate::base::TopologyKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::icon_role::{records, ROLE_TOKENS};
use crate::model::Application;
use crate::rules::edits::missing_option_anchor;
use crate::rules::{declare_rule, Context, Rule};
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// For an ICON application whose connections (gimlint.toml) include a DAP whose export
    /// is in the run, reports a `[callconcentrator] role` that stores other data types than
    /// the DAP's `[callconcentrator] role`. Roles are compared by what they store, as ICON
    /// reads them: `~cfg` equals `gcc,gud,gls,gos,lrm`, an unset role is `all`.
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
        reads_other_files: true,
        needs: [Topology],
        options: ["callconcentrator/role"],
        summary: "the ICON `role` differs from the `role` of its IDB DAP (topology)",
        source: "https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/Roles",
    }
}

/// The data types a role stores (`~cfg` and `gcc,gud,gls,gos,lrm` store the same), as ICON
/// reads it: unset means `all`, an uppercase type falls back to `all`.
fn role_set(app: &Application) -> BTreeSet<&'static str> {
    let role = app.option("callconcentrator", "role").map(|o| o.value);
    ROLE_TOKENS
        .iter()
        .copied()
        .filter(|t| *t != "all" && records(role, t).recorded)
        .collect()
}

impl Rule for RoleMismatchWithDap {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let (Some(declared), Some(topology)) =
            (ctx.project.declared(app), ctx.project.topology.as_ref())
        else {
            return;
        };
        let mine = role_set(app);
        for connection in declared.connections.iter().flatten() {
            if ctx.project.kind_named(connection) != Some(TopologyKind::Linted(AppKind::Dap)) {
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
            let join = |set: &BTreeSet<&str>| set.iter().copied().collect::<Vec<_>>().join(",");
            let span = app.option("callconcentrator", "role").map_or_else(
                || missing_option_anchor(app, "callconcentrator", "role").0,
                |o| o.value_span,
            );
            out.push(
                Finding::new(
                    &Self::META,
                    span,
                    format!(
                        "the ICON role stores `{}` but the role of its DAP `{connection}` (`{}`) stores `{}`",
                        join(&mine),
                        dap.source.path,
                        join(&theirs)
                    ),
                )
                .label("differs from the DAP")
                .help("give the ICON and the DAP of its IDB the same role"),
            );
        }
    }
}
