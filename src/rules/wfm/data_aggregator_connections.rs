use super::{connected_kinds, missing_connection};
use crate::base::AppKind;
use crate::base::TopologyKind;
use crate::diagnostic::Findings;
use crate::model::Application;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// For a WFM Data Aggregator declared in gimlint.toml, reports a missing connection to
    /// the WFM database's DAP (`kind = "wfm-dap"`) or to a Stat Server (`kind =
    /// "stat-server"`). Only a written `connections = [...]` is read: an entry without the
    /// key (as `gimlint init` writes it) leaves the connections unknown, and the rule quiet.
    ///
    /// ## Why is this bad?
    /// Data Aggregator writes historical data to the WFM database through the WFM DAP, and
    /// Stat Server is its only source of Framework statistics: without either, WFM has no
    /// historical data to forecast and schedule from.
    ///
    /// ## Example
    /// In gimlint.toml:
    /// ```toml
    /// [[application]]
    /// name = "WFM_Data_Aggregator"
    /// file = "wfm_data_aggregator.cfg"
    /// kind = "wfm-data-aggregator"
    /// connections = ["WFM_Server", "WFM_DAP"]
    /// ```
    ///
    /// ## Fix
    /// Connect the Data Aggregator to the WFM DAP and to a Stat Server.
    pub struct DataAggregatorConnections {
        code: "WFM002",
        name: "data-aggregator-connections",
        severity: Error,
        fix: No,
        applies_to: &[AppKind::WfmDataAggregator],
        phase: None,
        reads_other_files: true,
        needs: [Topology],
        summary: "a WFM Data Aggregator without a connection to the WFM DAP and to a Stat Server",
        source: "https://enu.docs.genesys.com/Documentation/WM/8.5.2/Admin/DataFlow",
    }
}

impl Rule for DataAggregatorConnections {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(kinds) = connected_kinds(ctx, app) else {
            return;
        };
        [
            (TopologyKind::WfmDap, "WFM DAP"),
            (TopologyKind::StatServer, "Stat Server"),
        ]
        .into_iter()
        .filter(|(kind, _)| !kinds.contains(&Some(*kind)))
        .map(|(_, needed)| missing_connection(&Self::META, ctx, app, needed))
        .for_each(|finding| out.push(finding));
    }
}
