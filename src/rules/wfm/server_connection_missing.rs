use super::{connected_kinds, missing_connection};
use crate::base::AppKind;
use crate::base::TopologyKind;
use crate::diagnostic::Findings;
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// For a WFM Builder, Daemon, Data Aggregator or Web declared in gimlint.toml, reports
    /// that none of its connections is a WFM Server. Only a written `connections = [...]` is
    /// read: an entry without the key (as `gimlint init` writes it) leaves the connections
    /// unknown, and the rule quiet.
    ///
    /// ## Why is this bad?
    /// Every WFM component works through WFM Server. After a migration, a component whose
    /// Connections tab lost its WFM Server cannot start its work, and the WFM migration
    /// guide's last step is exactly this check (Order of Migration, step 8).
    ///
    /// ## Example
    /// In gimlint.toml:
    /// ```toml
    /// [[application]]
    /// name = "WFM_Builder"
    /// file = "wfm_builder.cfg"
    /// kind = "wfm-builder"
    /// connections = []
    /// ```
    ///
    /// ## Fix
    /// Connect the component to its WFM Server (Connections tab), and list it in
    /// `connections`.
    pub struct ServerConnectionMissing {
        code: "WFM001",
        name: "wfm-server-connection-missing",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::WfmBuilder, AppKind::WfmDaemon, AppKind::WfmDataAggregator, AppKind::WfmWeb],
        phase: None,
        reads_other_files: true,
        needs: [Topology],
        summary: "a WFM component (topology) with no connection to a WFM Server",
        source: "WFM 8.5 Migration Guide, Order of Migration, step 8; https://enu.docs.genesys.com/Documentation/WM/8.5.2/Admin/DataFlow",
    }
}

impl Rule for ServerConnectionMissing {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(kinds) = connected_kinds(ctx, app) else {
            return;
        };
        if kinds.contains(&Some(TopologyKind::Linted(AppKind::WfmServer))) {
            return;
        }
        out.push(missing_connection(&Self::META, ctx, app, "WFM Server"));
    }
}
