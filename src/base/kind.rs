//! What an export is: the kind gimlint infers from its content ([`AppKind`]) and the kinds
//! gimlint.toml may declare ([`TopologyKind`]).

use serde::{Deserialize, Serialize};

/// What kind of configuration object an export describes, as far as its content tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppKind {
    /// A Genesys Info Mart Server application.
    Gim,
    /// An Interaction Concentrator (ICON) application.
    Icon,
    /// A Database Access Point that GIM extracts from or loads into (`[gim-etl] role`).
    Dap,
    /// An ICON attached-data specification (XML), not an option export.
    AdataSpec,
    /// The options or annex of a configuration object that is not an application (a Switch,
    /// DN or Script): ICON and GIM read some of their sections.
    Annex,
    /// WFM Server (its `[ScheduleService]` section, or the topology file).
    WfmServer,
    /// WFM Builder, WFM Daemon, WFM Data Aggregator, WFM Web: named by the topology file only.
    WfmBuilder,
    WfmDaemon,
    WfmDataAggregator,
    WfmWeb,
    /// Nothing identifies it: only file-level rules run.
    Unknown,
}

impl AppKind {
    pub fn label(self) -> &'static str {
        match self {
            AppKind::Gim => "Genesys Info Mart application",
            AppKind::Icon => "ICON application",
            AppKind::Dap => "GIM Database Access Point",
            AppKind::AdataSpec => "ICON attached-data specification",
            AppKind::Annex => "configuration object options (Switch, DN, Script)",
            AppKind::WfmServer => "WFM Server",
            AppKind::WfmBuilder => "WFM Builder",
            AppKind::WfmDaemon => "WFM Daemon",
            AppKind::WfmDataAggregator => "WFM Data Aggregator",
            AppKind::WfmWeb => "WFM Web",
            AppKind::Unknown => "unknown application",
        }
    }
}

/// What an application of the topology is. The kinds gimlint lints, plus the ones it only
/// needs to recognise as connection targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TopologyKind {
    Gim,
    Icon,
    Dap,
    WfmServer,
    WfmBuilder,
    WfmDaemon,
    WfmDataAggregator,
    WfmWeb,
    /// The Database Access Point of the WFM database.
    WfmDap,
    StatServer,
    MessageServer,
    Other,
}

impl TopologyKind {
    /// The kind of a linted export this declares, when it is one gimlint lints.
    pub fn app_kind(self) -> Option<AppKind> {
        Some(match self {
            TopologyKind::Gim => AppKind::Gim,
            TopologyKind::Icon => AppKind::Icon,
            TopologyKind::Dap => AppKind::Dap,
            TopologyKind::WfmServer => AppKind::WfmServer,
            TopologyKind::WfmBuilder => AppKind::WfmBuilder,
            TopologyKind::WfmDaemon => AppKind::WfmDaemon,
            TopologyKind::WfmDataAggregator => AppKind::WfmDataAggregator,
            TopologyKind::WfmWeb => AppKind::WfmWeb,
            TopologyKind::WfmDap
            | TopologyKind::StatServer
            | TopologyKind::MessageServer
            | TopologyKind::Other => return None,
        })
    }

    /// The topology kind of a linted export's inferred kind.
    pub fn of(kind: AppKind) -> Option<TopologyKind> {
        Some(match kind {
            AppKind::Gim => TopologyKind::Gim,
            AppKind::Icon => TopologyKind::Icon,
            AppKind::Dap => TopologyKind::Dap,
            AppKind::WfmServer => TopologyKind::WfmServer,
            AppKind::WfmBuilder => TopologyKind::WfmBuilder,
            AppKind::WfmDaemon => TopologyKind::WfmDaemon,
            AppKind::WfmDataAggregator => TopologyKind::WfmDataAggregator,
            AppKind::WfmWeb => TopologyKind::WfmWeb,
            AppKind::AdataSpec | AppKind::Annex | AppKind::Unknown => return None,
        })
    }
}
