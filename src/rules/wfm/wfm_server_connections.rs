use super::{connected_kinds, missing_connection};
use crate::base::AppKind;
use crate::base::TopologyKind;
use crate::diagnostic::Findings;
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// For a WFM Server declared in gimlint.toml, reports a missing connection to a WFM
    /// Builder or to the WFM database's DAP (`kind = "wfm-dap"`). Only a written
    /// `connections = [...]` is read: an entry without the key (as `gimlint init` writes it)
    /// leaves the connections unknown, and the rule quiet.
    ///
    /// ## Why is this bad?
    /// WFM Server builds schedules through WFM Builder and reads and writes the WFM
    /// database through the WFM DAP. Without either, WFM Web shows errors as soon as a
    /// planner opens a schedule.
    ///
    /// ## Example
    /// In gimlint.toml:
    /// ```toml
    /// [[application]]
    /// name = "WFM_Server"
    /// file = "wfm_server.cfg"
    /// connections = ["WFM_DAP"]
    /// ```
    ///
    /// ## Fix
    /// Connect WFM Server to at least one WFM Builder and to the WFM DAP.
    pub struct WfmServerConnections {
        code: "WFM003",
        name: "wfm-server-connections",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::WfmServer],
        phase: None,
        reads_other_files: true,
        needs: [Topology],
        summary: "a WFM Server without a WFM Builder or without the WFM DAP",
        source: "https://enu.docs.genesys.com/Documentation/WM/8.5.2/Admin/DataFlow",
    }
}

impl Rule for WfmServerConnections {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(kinds) = connected_kinds(ctx, app) else {
            return;
        };
        [
            (TopologyKind::Linted(AppKind::WfmBuilder), "WFM Builder"),
            (TopologyKind::WfmDap, "WFM DAP"),
        ]
        .into_iter()
        .filter(|(kind, _)| !kinds.contains(&Some(*kind)))
        .map(|(_, needed)| missing_connection(&Self::META, ctx, app, needed))
        .for_each(|finding| out.push(finding));
    }
}
